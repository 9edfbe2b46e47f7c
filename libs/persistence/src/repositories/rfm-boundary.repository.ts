import type { RfmBoundaries } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

/** The RFM quintile boundaries of the whole customer base (`rfm_boundaries`). */
@Injectable()
export class RfmBoundaryRepository {
  async loadBoundaries(manager: EntityManager): Promise<RfmBoundaries & { computedAt: Date | null }> {
    const { rows } = await queryRows<{
      dimension: string;
      currency: string;
      boundaries: number[];
      computed_at: Date;
    }>(manager, 'SELECT dimension, currency, boundaries, computed_at FROM rfm_boundaries');
    const boundaries: RfmBoundaries & { computedAt: Date | null } = {
      recencyDays: [],
      frequency: [],
      monetary: {},
      computedAt: null,
    };
    for (const row of rows) {
      if (row.dimension === 'recency') boundaries.recencyDays = row.boundaries;
      else if (row.dimension === 'frequency') boundaries.frequency = row.boundaries;
      else boundaries.monetary[row.currency] = row.boundaries;
      if (!boundaries.computedAt || row.computed_at > boundaries.computedAt)
        boundaries.computedAt = row.computed_at;
    }
    return boundaries;
  }

  /**
   * Recomputes the quintile boundaries from every customer's stored metrics: recency as of `now`,
   * frequency and spend within the RFM window as last derived. Nearest-rank percentiles, like the domain's.
   */
  async recomputeBoundaries(manager: EntityManager, now: Date): Promise<void> {
    await queryRows(manager, 'DELETE FROM rfm_boundaries');
    const percentiles = `percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]::double precision[]) WITHIN GROUP (ORDER BY`;
    await queryRows(
      manager,
      `INSERT INTO rfm_boundaries (dimension, currency, boundaries, customers, computed_at)
       SELECT 'recency', '', ${percentiles} floor(extract(epoch FROM ($1::timestamptz - last_purchase_at)) / 86400)), count(*), $1
         FROM customer_state WHERE last_purchase_at IS NOT NULL AND rfm_frequency IS NOT NULL HAVING count(*) > 0
       UNION ALL
       SELECT 'frequency', '', ${percentiles} rfm_frequency::double precision), count(*), $1
         FROM customer_state WHERE rfm_frequency IS NOT NULL HAVING count(*) > 0
       UNION ALL
       SELECT 'monetary', rfm_currency, ${percentiles} rfm_monetary_minor::double precision), count(*), $1
         FROM customer_state WHERE rfm_currency IS NOT NULL GROUP BY rfm_currency`,
      [now],
    );
  }
}
