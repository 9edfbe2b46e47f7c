import { runFault } from './support/fault-run.js';
import { sleep } from './support/load-producer.js';
import { expectStackHealthy, withKafkaStopped } from './support/services.js';

describe('fault: the Kafka broker stopped and restarted mid-load', () => {
  afterAll(expectStackHealthy);

  it('loses and doubles nothing while the producer, the consumer and the outbox wait for the broker', async () => {
    await runFault({
      fault: 'Kafka broker restart',
      inject: async ({ producer, untilCounted, recovered, note }) => {
        // Mid-load on both sides: the producer has sent some, scoring has counted some.
        while (producer.sent < 8_000) await sleep(100);
        await untilCounted(0.2);
        const stopped = Date.now();
        await withKafkaStopped(15_000);
        note(`broker away ${((Date.now() - stopped) / 1000).toFixed(0)} s (15 s stopped, then its start-up)`);
        recovered();
      },
    });
  }, 900_000);
});
