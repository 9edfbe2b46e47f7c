import {
  callApi,
  createTestEnvironment,
  createTopics,
  freePort,
  TEST_ADMIN_TOKEN,
  type TestEnvironment,
} from '#testing';
import { startLadder, type RunningLadder } from './support/ladder.js';

/**
 * Limits per token, per sign-in address and per public page address, counted in Redis: two API replicas
 * share one budget, and past it every route answers 429 with Retry-After and a JSON error.
 */
describe('rate limits across API replicas', () => {
  let environment: TestEnvironment;
  let first: RunningLadder;
  let second: RunningLadder;

  beforeAll(async () => {
    environment = await createTestEnvironment('rate-limits', {
      LADDER_RATE_LIMIT_API: '6/1m',
      LADDER_RATE_LIMIT_SIGN_IN: '3/1m',
      LADDER_RATE_LIMIT_PAGES: '4/1m',
    });
    await createTopics(environment.config);
    first = await startLadder(environment.config);
    const port = await freePort();
    second = await startLadder({ ...environment.config, port, publicUrl: `http://127.0.0.1:${port}` });
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await environment?.cleanup();
  });

  it("counts a token's calls on every replica against one budget, then answers 429 with Retry-After", async () => {
    const statuses: number[] = [];
    for (let call = 0; call < 6; call += 1) {
      const replica = call % 2 === 0 ? first : second;
      statuses.push((await callApi(replica.url, '/api/cases')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const refused = await fetch(`${second.url}/api/cases`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ error: { code: 'too-many-requests' } });
    // The queue board, mounted beside the routes, counts against the same budget.
    const board = await fetch(`${first.url}/admin/queues`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, accept: 'application/json' },
    });
    expect(board.status).toBe(429);
    expect(Number(board.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await board.json()).toMatchObject({ error: { code: 'too-many-requests' } });
    // Another token has its own budget; probes are never limited.
    expect(
      (await callApi(first.url, '/api/cases', { token: 'another-token-that-is-not-valid' })).status,
    ).toBe(401);
    for (let probe = 0; probe < 10; probe += 1) {
      expect((await fetch(`${first.url}/health/live`)).status).toBe(200);
    }
  });

  it('limits sign-in attempts per address, wrong tokens and right ones alike', async () => {
    const attempts: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await fetch(`${attempt % 2 ? first.url : second.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: `guess-number-${attempt}-of-many` }),
      });
      attempts.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(attempts).toEqual([401, 401, 401, 429]);
  });

  it('limits public pages per address, so referral codes cannot be walked', async () => {
    const statuses: number[] = [];
    for (let page = 0; page < 5; page += 1) {
      statuses.push((await fetch(`${first.url}/refer/NOBODY-${page}ABC`, { redirect: 'manual' })).status);
    }
    expect(statuses.map((status) => (status === 429 ? 'limited' : 'served'))).toEqual([
      'served',
      'served',
      'served',
      'served',
      'limited',
    ]);
  });
});
