import type { LadderConfig } from '#config';
import type { RecomputeJobDto } from '#contracts';
import { waitFor } from '#local-stack';
import { BacklogProbe } from '#runtime';
import { ProgressBar } from '../../progress-bar.js';
import { api } from './ladder-api.js';

/** Shows scoring, then the follow-up and e-mail it caused, until Ladder has nothing left in hand. */
export async function waitUntilProcessed(config: LadderConfig, produced: number): Promise<void> {
  const probe = await BacklogProbe.open(config);
  try {
    const scoring = new ProgressBar('Scoring', produced);
    await waitFor(
      'scoring',
      async () => {
        const { scoringLag } = await probe.read();
        scoring.update(produced - scoringLag);
        return scoringLag === 0;
      },
      15 * 60_000,
    );
    scoring.finish();
    const following = new ProgressBar('Following up', 1);
    await waitFor(
      'follow-up and e-mail',
      async () => {
        const backlog = await probe.read();
        following.setTotal(Math.max(backlog.emails.total, 1));
        following.update(backlog.emails.sent + backlog.emails.failed, 'e-mails sent');
        return BacklogProbe.isIdle(backlog);
      },
      15 * 60_000,
    );
    following.finish();
  } finally {
    await probe.close();
  }
}

/** Asks Ladder for the RFM quintiles of the whole customer base now, as a manager would, and waits for them. */
export async function recomputeSegments(config: LadderConfig): Promise<void> {
  const requested = await api<RecomputeJobDto>(config, '/api/segments/recompute', 'POST');
  const bar = new ProgressBar('Segments', 1);
  await waitFor(
    'the segment recompute',
    async () => {
      const job = await api<RecomputeJobDto>(config, `/api/segments/recompute/${requested.jobId}`);
      if (job.state === 'failed') throw new Error(`the segment recompute failed: ${job.failedReason}`);
      bar.setTotal(Math.max(job.progress?.total ?? 1, 1));
      bar.update(job.progress?.done ?? 0, 'customers');
      return job.state === 'completed';
    },
    10 * 60_000,
  );
  bar.finish();
}
