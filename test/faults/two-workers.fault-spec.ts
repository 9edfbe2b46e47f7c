import { runFault } from './support/fault-run.js';
import { sleep } from './support/load-producer.js';
import { expectStackHealthy } from './support/services.js';

describe('fault: two workers on one consumer group, one SIGKILLed', () => {
  afterAll(expectStackHealthy);

  it('lets the other worker take over its partitions and finish everything', async () => {
    const measurement = await runFault({
      fault: 'two workers, one SIGKILLed',
      workers: 2,
      inject: async ({ workers: [, doomed], probe, untilCounted, killMidBatch, recovered, note }) => {
        // Both members hold partitions before one dies.
        for (;;) {
          const { group } = await probe.measure();
          if (group.state === 'Stable' && group.members === 2) break;
          await sleep(500);
        }
        await untilCounted(0.3);
        await killMidBatch(doomed!);
        note('worker-2 killed at 30 % counted and not restarted (Kafka session timeout 30 s)');
        recovered();
      },
      survivors: ([survivor]) => [survivor!],
    });
    expect(measurement.group).toEqual({ state: 'Stable', members: 1 });
  }, 900_000);
});
