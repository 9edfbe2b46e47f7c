import type { LadderConfig } from '#config';
import { QUEUE_NAMES } from '#contracts';
import { bullConnection } from '#queues';
import { Queue } from 'bullmq';
import pg from 'pg';
import { waitForScoring } from './kafka-test-tools.js';

/**
 * Waits until Ladder has done everything it will do with what was produced: scoring has committed every
 * input message, the outbox is empty, no job is waiting, running or scheduled, and no e-mail is pending.
 * Only then can a test say that something did *not* happen.
 */
export async function waitUntilSettled(config: LadderConfig, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await waitForScoring(config, timeoutMs);
  const queues = QUEUE_NAMES.filter((name) => name !== 'maintenance').map(
    (name) => new Queue(name, { connection: bullConnection(config), prefix: config.queuePrefix }),
  );
  const database = new pg.Client({ connectionString: config.databaseUrl });
  await database.connect();
  try {
    let quietChecks = 0;
    // Two quiet checks in a row: a job that has just finished may have queued another.
    while (quietChecks < 2) {
      const { rows } = await database.query<{ busy: number }>(
        `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)
              + (SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending')) AS busy`,
      );
      let busy = Number(rows[0]!.busy);
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        busy += Object.values(counts).reduce((sum, count) => sum + count, 0);
      }
      quietChecks = busy === 0 ? quietChecks + 1 : 0;
      if (Date.now() > deadline) throw new Error(`Ladder was still busy after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await database.end();
    await Promise.all(queues.map((queue) => queue.close()));
  }
}
