import type { LadderConfig } from '#config';
import { BacklogProbe, type Backlog } from '#runtime';

/**
 * Waits until Ladder has done everything it will do with what was produced: every input scored, the
 * outbox empty, no job waiting, running or scheduled, no e-mail pending, twice in a row (a job that has
 * just finished may have queued another). Only then can a test say that something did *not* happen.
 */
export async function waitUntilSettled(config: LadderConfig, timeoutMs = 90_000): Promise<void> {
  const probe = await BacklogProbe.open(config);
  const deadline = Date.now() + timeoutMs;
  try {
    let quietChecks = 0;
    while (quietChecks < 2) {
      const last: Backlog = await probe.read();
      quietChecks = BacklogProbe.isIdle(last) ? quietChecks + 1 : 0;
      if (Date.now() > deadline)
        throw new Error(`Ladder was still busy after ${timeoutMs} ms: ${JSON.stringify(last)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await probe.close();
  }
}
