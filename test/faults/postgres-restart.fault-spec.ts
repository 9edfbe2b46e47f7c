import { runFault } from './support/fault-run.js';
import { expectStackHealthy, restartPostgres, withPostgresStopped } from './support/services.js';

describe('fault: PostgreSQL restarted mid-load', () => {
  afterAll(expectStackHealthy);

  it('resumes every batch and job after a restart that cuts every connection', async () => {
    await runFault({
      fault: 'PostgreSQL restart',
      inject: async ({ untilCounted, recovered }) => {
        await untilCounted(0.4);
        await restartPostgres();
        recovered();
      },
    });
  }, 900_000);

  it('finishes the work after an outage longer than the whole job retry window', async () => {
    // 3 attempts, 200 ms then 400 ms apart: every job that meets the outage runs out of attempts within a
    // second; only the reconciler (every 2 s, from PostgreSQL) can bring the work back.
    await runFault({
      fault: 'PostgreSQL outage 30 s > retry window',
      env: { LADDER_JOB_ATTEMPTS: '3', LADDER_JOB_BACKOFF: '200ms' },
      inject: async ({ untilCounted, recovered, note }) => {
        await untilCounted(0.4);
        await withPostgresStopped(30_000);
        note('jobs: 3 attempts, 200 ms backoff (window < 1 s); PostgreSQL stopped 30 s');
        recovered();
      },
    });
  }, 900_000);
});
