import { CrossSellQueries, CrossSellService, LoyaltyModule } from '#loyalty';
import { ProgressBar } from '../progress-bar.js';
import { withLadder } from './ladder-context.js';

const SHOWN_RULES = 10;

/**
 * `ladder cross-sell`: learns the cross-sell rules now and makes the offers they lead to (what the schedule
 * does every LADDER_CROSS_SELL_EVERY), then prints the best rules and who was offered or skipped, and why.
 * The offer e-mails go out through the running workers.
 */
export async function crossSellCommand(): Promise<void> {
  await withLadder([LoyaltyModule], async (app) => {
    const bar = new ProgressBar('customers', 0);
    const result = await app.get(CrossSellService).run((done, total) => {
      bar.setTotal(total);
      bar.update(done);
    });
    bar.finish();
    const rules = await app.get(CrossSellQueries).latestRules();
    process.stdout.write(`Learned ${result.rules} rule(s) from ${result.baskets} basket(s).\n`);
    for (const rule of rules.slice(0, SHOWN_RULES)) {
      process.stdout.write(
        `  ${rule.antecedent} → ${rule.consequent}: support ${rule.support.toFixed(3)}, ` +
          `confidence ${rule.confidence.toFixed(3)}, lift ${rule.lift.toFixed(3)} ` +
          `(${rule.pairCount} of ${rule.antecedentCount} baskets with ${rule.antecedent}, ` +
          `${rule.consequentCount} with ${rule.consequent}, ${rule.baskets} in all)\n`,
      );
    }
    if (rules.length > SHOWN_RULES) process.stdout.write(`  … and ${rules.length - SHOWN_RULES} more\n`);
    const skipped = Object.entries(result.skipped)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, count]) => `${reason} ${count}`);
    process.stdout.write(
      `Offers: ${result.offered} made to ${result.customers} Client(s) and Advocate(s) who may receive marketing` +
        `${skipped.length ? `; skipped: ${skipped.join(', ')}` : ''}.\n`,
    );
  });
}
