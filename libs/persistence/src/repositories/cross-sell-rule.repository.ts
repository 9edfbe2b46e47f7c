import type { AssociationRule, BasketCounts, RuleThresholds } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { unnestInsert } from '../unnest-insert.js';

/**
 * A purchase line's category as the rules compare it (the SQL twin of the domain's `normaliseCategory`):
 * trimmed, in lower case, blank as none.
 */
export const CATEGORY_OF_ITEM = `nullif(lower(btrim(item->>'category')), '')`;

/**
 * The categories of each purchase that still stands (a refunded purchase says nothing of what goes together),
 * one row per purchase and category, among the purchases `condition` (on `p`) picks.
 */
export function purchaseCategories(condition: string): string {
  return `
  SELECT DISTINCT p.customer_id, p.event_id, p.occurred_at, ${CATEGORY_OF_ITEM} AS category
    FROM purchases p
   CROSS JOIN LATERAL jsonb_array_elements(
          CASE WHEN jsonb_typeof(p.items) = 'array' THEN p.items ELSE '[]'::jsonb END) AS item
   WHERE ${CATEGORY_OF_ITEM} IS NOT NULL AND (${condition})
     AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.refund_of = p.event_id)`;
}

export interface CrossSellLearning {
  id: string;
  learnedAt: Date;
  windowFrom: Date;
  windowTo: Date;
  baskets: number;
  thresholds: RuleThresholds;
}

/** The learned cross-sell rules (`cross_sell_learnings`, `cross_sell_rules`) and the counts they come from. */
@Injectable()
export class CrossSellRuleRepository {
  /**
   * The basket counts of the customers who bought within the window, counted by PostgreSQL: baskets, each
   * category's baskets, and each pair's (only pairs in at least `minPairCount` baskets travel back).
   */
  async basketCounts(
    manager: EntityManager,
    window: { from: Date; to: Date },
    minPairCount: number,
  ): Promise<BasketCounts> {
    const baskets = `
      WITH basket AS (
        SELECT DISTINCT customer_id, category
          FROM (${purchaseCategories('p.occurred_at >= $1 AND p.occurred_at < $2')}) bought
      )`;
    const categories = await queryRows<{ category: string; baskets: number }>(
      manager,
      `${baskets} SELECT category, count(*)::int AS baskets FROM basket GROUP BY category ORDER BY category`,
      [window.from, window.to],
    );
    const total = await queryRows<{ baskets: number }>(
      manager,
      `${baskets} SELECT count(DISTINCT customer_id)::int AS baskets FROM basket`,
      [window.from, window.to],
    );
    const pairs = await queryRows<{ a: string; b: string; count: number }>(
      manager,
      `${baskets}
       SELECT x.category AS a, y.category AS b, count(*)::int AS count
         FROM basket x JOIN basket y ON y.customer_id = x.customer_id AND x.category < y.category
        GROUP BY x.category, y.category HAVING count(*) >= $3
        ORDER BY a, b`,
      [window.from, window.to, minPairCount],
    );
    return {
      baskets: total.rows[0]?.baskets ?? 0,
      categories: new Map(categories.rows.map((row) => [row.category, row.baskets])),
      pairs: pairs.rows,
    };
  }

  /** Replaces the learning and its rules with these, in the caller's transaction. */
  async replaceRules(
    manager: EntityManager,
    learning: Omit<CrossSellLearning, 'id'>,
    rules: readonly AssociationRule[],
  ): Promise<CrossSellLearning> {
    // One learning at a time: a second run waits here, then replaces what the first wrote.
    await manager.query('LOCK TABLE cross_sell_learnings IN EXCLUSIVE MODE');
    await queryRows(manager, 'DELETE FROM cross_sell_rules');
    await queryRows(manager, 'DELETE FROM cross_sell_learnings');
    const { rows } = await queryRows<{ id: string }>(
      manager,
      `INSERT INTO cross_sell_learnings (learned_at, window_from, window_to, baskets, thresholds)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [learning.learnedAt, learning.windowFrom, learning.windowTo, learning.baskets, learning.thresholds],
    );
    const id = rows[0]!.id;
    const ranked = rules.map((rule, index) => ({ ...rule, rank: index + 1 }));
    await unnestInsert(manager, {
      table: 'cross_sell_rules',
      rows: ranked,
      columns: [
        { name: 'learning_id', type: 'uuid', value: () => id },
        { name: 'antecedent', type: 'text', value: (rule) => rule.antecedent },
        { name: 'consequent', type: 'text', value: (rule) => rule.consequent },
        { name: 'rank', type: 'integer', value: (rule) => rule.rank },
        { name: 'baskets', type: 'integer', value: (rule) => rule.baskets },
        { name: 'antecedent_count', type: 'integer', value: (rule) => rule.antecedentCount },
        { name: 'consequent_count', type: 'integer', value: (rule) => rule.consequentCount },
        { name: 'pair_count', type: 'integer', value: (rule) => rule.pairCount },
        { name: 'support', type: 'double precision', value: (rule) => rule.support },
        { name: 'confidence', type: 'double precision', value: (rule) => rule.confidence },
        { name: 'lift', type: 'double precision', value: (rule) => rule.lift },
      ],
    });
    return { id, ...learning };
  }

  /** The latest learning and its rules, best first; null before the first learning. */
  async current(
    manager: EntityManager,
  ): Promise<{ learning: CrossSellLearning; rules: AssociationRule[] } | null> {
    const learning = await queryRows<CrossSellLearning>(
      manager,
      `SELECT id, learned_at AS "learnedAt", window_from AS "windowFrom", window_to AS "windowTo", baskets, thresholds
         FROM cross_sell_learnings ORDER BY learned_at DESC LIMIT 1`,
    );
    const found = learning.rows[0];
    if (!found) return null;
    const rules = await queryRows<AssociationRule>(
      manager,
      `SELECT antecedent, consequent, baskets, antecedent_count AS "antecedentCount",
              consequent_count AS "consequentCount", pair_count AS "pairCount", support, confidence, lift
         FROM cross_sell_rules WHERE learning_id = $1 ORDER BY rank`,
      [found.id],
    );
    return { learning: found, rules: rules.rows };
  }
}
