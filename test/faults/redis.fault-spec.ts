import { callApi } from '#testing';
import { runFault } from './support/fault-run.js';
import { sleep } from './support/load-producer.js';
import { expectStackHealthy, restartRedisLosingData, withRedisPaused } from './support/services.js';

/** LADDER_REQUEST_TIMEOUT in the pause test; the documented bound on any answer is this plus 5 s. */
const REQUEST_TIMEOUT_MS = 10_000;
const ANSWER_BOUND_MS = REQUEST_TIMEOUT_MS + 5_000;
const PAUSE_MS = 60_000;

describe('fault: Redis', () => {
  afterAll(expectStackHealthy);

  it('restarted with its data lost mid-load: the reconciler puts back every job, schedule and e-mail', async () => {
    await runFault({
      fault: 'Redis restart, data lost',
      inject: async ({ untilCounted, recovered }) => {
        await untilCounted(0.4);
        await restartRedisLosingData();
        recovered();
      },
    });
  }, 900_000);

  it('paused for a minute (CLIENT PAUSE ALL) while the API is called: no request hangs past the bound', async () => {
    const calls: Array<{ path: string; ms: number; status: number | string }> = [];
    await runFault({
      fault: 'Redis paused 60 s under API calls',
      env: { LADDER_REDIS_TIMEOUT: '5s', LADDER_REQUEST_TIMEOUT: `${REQUEST_TIMEOUT_MS / 1000}s` },
      inject: async ({ environment, untilCounted, recovered, note, fail }) => {
        await untilCounted(0.3);
        const cases = await callApi<{ items: Array<{ id: string }> }>(
          environment.apiUrl,
          '/api/cases?limit=50',
        );
        const caseIds = cases.body.items.map((item) => item.id);
        const requests: Array<{ path: string; method?: string; body?: unknown }> = [
          { path: '/health/live' },
          { path: '/health/ready' },
          { path: '/api/cases?limit=20' },
          { path: '/api/nps?groupBy=store' },
          { path: '/api/dead-letters?limit=5' },
          { path: '/metrics' },
          ...caseIds.map((id) => ({ path: `/api/cases/${id}/claim`, method: 'POST', body: {} })),
        ];
        await withRedisPaused(PAUSE_MS, async () => {
          const until = Date.now() + PAUSE_MS - ANSWER_BOUND_MS;
          let next = 0;
          // Four callers at a time, for as long as an answer can still come back inside the pause.
          await Promise.all(
            [1, 2, 3, 4].map(async () => {
              while (Date.now() < until) {
                const request = requests[next++ % requests.length]!;
                const started = Date.now();
                let status: number | string;
                try {
                  status = (await callApi(environment.apiUrl, request.path, request)).status;
                } catch (error) {
                  status = (error as Error).message.slice(0, 200);
                }
                calls.push({ path: request.path, ms: Date.now() - started, status });
                await sleep(200);
              }
            }),
          );
        });
        recovered();
        const slowest = Math.max(...calls.map((call) => call.ms));
        const statuses = [...new Set(calls.map((call) => String(call.status)))];
        note(
          `${calls.length} API calls in the pause, slowest ${(slowest / 1000).toFixed(1)} s, ${statuses.join(', ')}`,
        );
        // Every call answered within the bound, with a status and body its OpenAPI document gives (callApi
        // checks them; it gives up at 15 s, the bound): none hung until the pause ended.
        const late = calls.filter((call) => typeof call.status !== 'number' || call.ms > ANSWER_BOUND_MS);
        if (late.length > 0) {
          fail(
            `${late.length} of ${calls.length} API calls in the Redis pause unanswered within ${ANSWER_BOUND_MS} ms: ${JSON.stringify(late.slice(0, 5))}`,
          );
        }
        if (calls.length < 20) fail(`only ${calls.length} API calls in the pause`);
      },
    });
  }, 900_000);
});
