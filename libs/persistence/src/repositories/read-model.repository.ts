import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

export interface NpsRebuild {
  /** Rows (store, employee, day) the facts give that the read model lacked, had wrong, or had extra. */
  added: number;
  changed: number;
  removed: number;
  /** Answers the read model counted before, and the facts give. */
  answersBefore: number;
  answersAfter: number;
}

/** Rebuilding read models from the stored facts (`ladder rebuild`). */
@Injectable()
export class ReadModelRepository {
  /**
   * Recomputes the NPS counters from every stored answer into a fresh table, then makes the read model equal
   * to it in the caller's transaction. The read model is locked against writes (not reads) meanwhile: an
   * answer being scored waits, and counts on the rebuilt table once this commits. Unchanged rows are left
   * as they are.
   */
  async rebuildNps(manager: EntityManager): Promise<NpsRebuild> {
    await manager.query('LOCK TABLE nps_daily IN EXCLUSIVE MODE');
    await manager.query(`
      CREATE TEMPORARY TABLE nps_daily_rebuilt ON COMMIT DROP AS
      SELECT store_id, coalesce(employee_id, '') AS employee_id, local_day AS day,
             count(*) FILTER (WHERE classification = 'promoter')::int AS promoters,
             count(*) FILTER (WHERE classification = 'passive')::int AS passives,
             count(*) FILTER (WHERE classification = 'detractor')::int AS detractors,
             count(*) FILTER (WHERE classification = 'promoter' AND quality = 'flagged')::int AS flagged_promoters,
             count(*) FILTER (WHERE classification = 'passive' AND quality = 'flagged')::int AS flagged_passives,
             count(*) FILTER (WHERE classification = 'detractor' AND quality = 'flagged')::int AS flagged_detractors
        FROM survey_answers GROUP BY 1, 2, 3`);
    const { rows } = await queryRows<NpsRebuild>(
      manager,
      `SELECT count(*) FILTER (WHERE o.store_id IS NULL)::int AS added,
              count(*) FILTER (WHERE r.store_id IS NULL)::int AS removed,
              count(*) FILTER (WHERE o.store_id IS NOT NULL AND r.store_id IS NOT NULL
                AND (o.promoters, o.passives, o.detractors, o.flagged_promoters, o.flagged_passives, o.flagged_detractors)
                 IS DISTINCT FROM
                    (r.promoters, r.passives, r.detractors, r.flagged_promoters, r.flagged_passives, r.flagged_detractors)
              )::int AS changed,
              coalesce(sum(o.promoters + o.passives + o.detractors), 0)::int AS "answersBefore",
              coalesce(sum(r.promoters + r.passives + r.detractors), 0)::int AS "answersAfter"
         FROM nps_daily o FULL JOIN nps_daily_rebuilt r USING (store_id, employee_id, day)`,
    );
    await manager.query(
      `DELETE FROM nps_daily o
        WHERE NOT EXISTS (SELECT 1 FROM nps_daily_rebuilt r
                           WHERE (r.store_id, r.employee_id, r.day) = (o.store_id, o.employee_id, o.day))`,
    );
    await manager.query(`
      INSERT INTO nps_daily AS o (store_id, employee_id, day, promoters, passives, detractors,
                                  flagged_promoters, flagged_passives, flagged_detractors)
      SELECT * FROM nps_daily_rebuilt
      ON CONFLICT (store_id, employee_id, day) DO UPDATE SET
        promoters = excluded.promoters, passives = excluded.passives, detractors = excluded.detractors,
        flagged_promoters = excluded.flagged_promoters, flagged_passives = excluded.flagged_passives,
        flagged_detractors = excluded.flagged_detractors
      WHERE (o.promoters, o.passives, o.detractors, o.flagged_promoters, o.flagged_passives, o.flagged_detractors)
            IS DISTINCT FROM (excluded.promoters, excluded.passives, excluded.detractors,
                              excluded.flagged_promoters, excluded.flagged_passives, excluded.flagged_detractors)`);
    return rows[0]!;
  }
}
