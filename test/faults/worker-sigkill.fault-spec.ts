import { runFault } from './support/fault-run.js';
import { expectStackHealthy } from './support/services.js';

describe('fault: the worker SIGKILLed mid-batch', () => {
  afterAll(expectStackHealthy);

  it('counts every event once and opens and alerts every case after three kills and restarts', async () => {
    await runFault({
      fault: 'worker SIGKILL ×3',
      inject: async ({ workers: [worker], untilCounted, killMidBatch, restart, recovered, note }) => {
        for (const fraction of [0.2, 0.45, 0.7]) {
          await untilCounted(fraction);
          await killMidBatch(worker!);
          note(`killed at ${Math.round(fraction * 100)} % counted`);
          await restart(worker!);
        }
        recovered();
      },
    });
  }, 900_000);
});
