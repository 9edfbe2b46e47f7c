import { IngestModule, ReadModelRebuild } from '#ingest';
import { withLadder } from './ladder-context.js';
import { ProgressBar } from '../progress-bar.js';

/** `ladder rebuild`: every read model recomputed from the stored facts, while traffic flows. */
export async function rebuildCommand(): Promise<void> {
  await withLadder([IngestModule], async (app) => {
    const rebuild = app.get(ReadModelRebuild);
    const nps = await rebuild.rebuildNps();
    process.stdout.write(
      `NPS counters: ${nps.added} row(s) added, ${nps.changed} corrected, ${nps.removed} removed; ` +
        `answers counted ${nps.answersBefore} before, ${nps.answersAfter} as the facts give.\n`,
    );
    const bar = new ProgressBar('customers', 0);
    const customers = await rebuild.rebuildCustomers((done, total) => {
      bar.setTotal(total);
      bar.update(done);
    });
    bar.finish();
    process.stdout.write(
      `Customers: ${customers.customers} derived again from their facts (rung, value, RFM segment, churn risk); ` +
        `${customers.moves} ladder move(s) the stored state had missed, now recorded.\n`,
    );
  });
}
