import type { LadderConfig } from '#config';
import type { CrossSellReportDto, CrossSellRunDto } from '#contracts';
import { waitFor } from '#local-stack';
import type { SimulatedMessage } from '#simulation';
import pg from 'pg';
import { ProgressBar } from '../../progress-bar.js';
import { api } from './ladder-api.js';

/**
 * Asks Ladder to learn which categories go together and make its offers now (as an admin would, instead of
 * waiting for the daily schedule), and follows the run until it is done.
 */
export async function runCrossSell(config: LadderConfig): Promise<CrossSellRunDto> {
  const requested = await api<CrossSellRunDto>(config, '/api/cross-sell/runs', 'POST');
  const bar = new ProgressBar('Cross-sell', 1);
  let run = requested;
  await waitFor(
    'the cross-sell run',
    async () => {
      run = await api<CrossSellRunDto>(config, `/api/cross-sell/runs/${encodeURIComponent(requested.jobId)}`);
      if (run.state === 'failed') throw new Error(`the cross-sell run failed: ${run.failedReason}`);
      bar.setTotal(Math.max(run.progress?.total ?? 1, 1));
      bar.update(run.progress?.done ?? 0, 'customers');
      return run.state === 'completed';
    },
    10 * 60_000,
  );
  bar.finish();
  return run;
}

/** One offered customer comes back for the category they were offered: the purchase that converts it. */
export async function convertOneOffer(config: LadderConfig, at: Date): Promise<SimulatedMessage[]> {
  const database = new pg.Client({ connectionString: config.databaseUrl });
  await database.connect();
  try {
    const { rows } = await database.query<{
      customer_id: string;
      store_id: string;
      category: string;
      currency: string | null;
    }>(
      `SELECT o.customer_id, o.store_id, o.category, s.welcome_reward->>'currency' AS currency
         FROM cross_sell_offers o LEFT JOIN stores s ON s.id = o.store_id
        WHERE o.converted_at IS NULL ORDER BY o.customer_id LIMIT 1`,
    );
    const offer = rows[0];
    if (!offer) return [];
    const currency = offer.currency ?? config.loyalty.welcomeReward.currency;
    const amountMinor = currency === 'IRR' ? 12_000_000 : 4_999;
    return [
      {
        topic: 'purchases',
        key: offer.customer_id,
        kind: 'valid',
        occurredAt: at,
        value: JSON.stringify({
          eventId: 'cs-converting-001',
          occurredAt: at.toISOString(),
          customer: { id: offer.customer_id },
          storeId: offer.store_id,
          orderId: 'o-cs-converting-001',
          total: { amountMinor, currency },
          items: [
            {
              sku: `${offer.category}-001`,
              category: offer.category,
              quantity: 1,
              unitPriceMinor: amountMinor,
            },
          ],
        }),
      },
    ];
  } finally {
    await database.end();
  }
}

/** The summary's lines: the rules learned (the strongest named), and the offers made and converted. */
export async function describeCrossSell(config: LadderConfig, run: CrossSellRunDto): Promise<string[]> {
  const report = await api<CrossSellReportDto>(config, '/api/cross-sell/rules');
  const [best] = report.rules;
  const offers = report.rules.reduce(
    (sum, rule) => ({ made: sum.made + rule.offers.made, converted: sum.converted + rule.offers.converted }),
    { made: 0, converted: 0 },
  );
  const skipped = Object.entries(run.result?.skipped ?? {})
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  return [
    `  Cross-sell rules     ${report.rules.length} learned from ${run.result?.baskets ?? 0} baskets${best ? ` (strongest ${best.antecedent}→${best.consequent}, lift ${best.lift.toFixed(2)}, confidence ${(best.confidence * 100).toFixed(0)} %)` : ''}`,
    `  Cross-sell offers    ${offers.made} made, ${offers.converted} converted${skipped ? `; not offered: ${skipped}` : ''}`,
  ];
}
