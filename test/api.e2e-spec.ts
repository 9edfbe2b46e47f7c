import { QUEUE_NAMES, type ApiErrorBody, type CasePageDto } from '#contracts';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import { startLadder, type RunningLadder } from './support/ladder.js';

describe('the HTTP API: tokens, errors, health', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;

  beforeAll(async () => {
    environment = await createTestEnvironment('api');
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  it.each([
    '/api/cases',
    '/api/cases/00000000-0000-4000-8000-000000000000',
    '/api/customers/c-1',
    '/api/nps',
    '/api/dead-letters',
  ])('refuses %s without a token, with a JSON error', async (path) => {
    const response = await callApi<ApiErrorBody>(ladder.url, path, { token: null });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthorized');
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('refuses a wrong token', async () => {
    const response = await callApi<ApiErrorBody>(ladder.url, '/api/cases', {
      token: 'not-the-admin-token-at-all',
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({ code: 'unauthorized', message: 'The token is not valid.' });
  });

  it('answers a bad query with the fields that are wrong', async () => {
    const response = await callApi<ApiErrorBody>(ladder.url, '/api/nps?groupBy=planet&from=2026-13-01');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid-request');
    const fields = (response.body.error.details as { fields: Array<{ path: string }> }).fields.map(
      (field) => field.path,
    );
    expect(fields.sort()).toEqual(['from', 'groupBy']);
    const badLimit = await callApi<ApiErrorBody>(ladder.url, '/api/cases?limit=1000');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toContain('limit');
    const badCursor = await callApi<ApiErrorBody>(ladder.url, '/api/cases?cursor=garbage');
    expect(badCursor.body.error.code).toBe('invalid-request');
  });

  it('answers 404 with a JSON error for what does not exist', async () => {
    for (const path of [
      '/api/cases/not-a-uuid',
      '/api/cases/00000000-0000-4000-8000-000000000000',
      '/api/customers/nobody',
      '/api/nothing-here',
    ]) {
      const response = await callApi<ApiErrorBody>(ladder.url, path);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not-found');
    }
  });

  it('is live and ready without a token, and says what it checked', async () => {
    expect((await callApi(ladder.url, '/health/live', { token: null })).status).toBe(200);
    const ready = await eventually(async () => {
      const response = await callApi<{ status: string; checks: Record<string, { status: string }> }>(
        ladder.url,
        '/health/ready',
        {
          token: null,
        },
      );
      expect(response.status).toBe(200);
      return response.body;
    });
    expect(Object.keys(ready.checks).sort()).toEqual(
      [
        'database',
        'kafka',
        'redis',
        'scoring-consumer-group',
        ...QUEUE_NAMES.map((name) => `queue:${name}`),
      ].sort(),
    );
    expect(Object.values(ready.checks).every((check) => check.status === 'ok')).toBe(true);
  });

  it('pages through cases with a cursor, most urgent first, never repeating one', async () => {
    const answers = Array.from({ length: 7 }, (_, index) => ({
      key: `c-page-${index}`,
      value: JSON.stringify({
        eventId: `s-page-${index}`,
        occurredAt: '2026-11-20T10:00:00Z',
        customer: { id: `c-page-${index}` },
        storeId: 'online',
        score: index % 4,
      }),
    }));
    await produce(environment.config, 'surveys', answers);
    await waitUntilSettled(environment.config);
    const seen: CasePageDto['items'] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: CasePageDto = (await callApi<CasePageDto>(ladder.url, query)).body;
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((item) => item.id)).size).toBe(7);
    const priorities = seen.map((item) => item.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    const filtered = await callApi<CasePageDto>(
      ladder.url,
      '/api/cases?status=open&storeId=online&overdue=false',
    );
    expect(filtered.body.items).toHaveLength(7);
    const none = await callApi<CasePageDto>(ladder.url, '/api/cases?overdue=true');
    expect(none.body.items).toHaveLength(0);
  });

  it('redrives a dead letter, corrected, back to its topic', async () => {
    await produce(environment.config, 'surveys', [
      {
        key: 'c-fix',
        value: JSON.stringify({
          eventId: 's-fix',
          occurredAt: '2026-11-20T10:00:00Z',
          customer: { id: 'c-fix' },
          storeId: 'online',
          score: 'nine',
        }),
      },
    ]);
    const deadLetter = await eventually(async () => {
      const list = await callApi<{ items: Array<{ id: string; reason: { code: string } }> }>(
        ladder.url,
        '/api/dead-letters',
      );
      expect(list.body.items).toHaveLength(1);
      return list.body.items[0]!;
    });
    expect(deadLetter.reason.code).toBe('invalid-event');
    const corrected = {
      eventId: 's-fix',
      occurredAt: '2026-11-20T10:00:00Z',
      customer: { id: 'c-fix' },
      storeId: 'online',
      score: 9,
    };
    const redrive = await callApi<{ redrivenAt: string }>(
      ladder.url,
      `/api/dead-letters/${deadLetter.id}/redrive`,
      {
        method: 'POST',
        body: { value: corrected },
      },
    );
    expect(redrive.status).toBe(202);
    expect(redrive.body.redrivenAt).toBeTruthy();
    await eventually(async () => {
      const customer = await callApi<{ lastScore: number }>(ladder.url, '/api/customers/c-fix');
      expect(customer.body.lastScore).toBe(9);
    });
  });
});
