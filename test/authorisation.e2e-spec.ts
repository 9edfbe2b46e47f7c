import type {
  CasePageDto,
  CustomerDto,
  MemberPageDto,
  NpsReportDto,
  QueueHealthDto,
  RecoveryReportDto,
  RedemptionReportDto,
  ReferralPageDto,
} from '#contracts';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  TEST_ADMIN_TOKEN,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import { caseOf, issueToken, produceAnswers } from './support/feedback.js';
import { followJoinLink, invitePromoter } from './support/promoters.js';
import { CALLERS, matrixRows, type Caller, type MatrixFixture } from './support/authorisation-matrix.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

/**
 * Every route Ladder serves, with every role and scope: an agent, a manager and an admin of Tehran Vanak
 * (tehran-01) alone, a manager of the Fars region (shiraz-01), an all-stores admin, a revoked token and no token at all. Nothing outside a
 * token's scope is read or changed; another store's case answers 404 like a case that does not exist.
 */
describe('authorisation on every route', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  const tokens: Partial<Record<Caller, string>> = { admin: TEST_ADMIN_TOKEN };
  const fixture = {} as MatrixFixture;

  beforeAll(async () => {
    environment = await createTestEnvironment('authz', {
      LADDER_DIRECTORY: new URL('./fixtures/directory.yaml', import.meta.url).pathname,
      // Every caller opens every public page from one address: access is under test here, not the limits
      // (test/rate-limits.e2e-spec.ts).
      LADDER_RATE_LIMIT_PAGES: '10000/1m',
    });
    await createTopics(environment.config);
    await produceAnswers(environment.config, [
      { eventId: 'z-1', customerId: 'c-t1', storeId: 'tehran-01', score: 3, comment: 'Nobody helped me.' },
      { eventId: 'z-2', customerId: 'c-s1', storeId: 'shiraz-01', score: 1, comment: 'Broken on arrival.' },
      { eventId: 'z-3', customerId: 'c-t2', storeId: 'tehran-02', score: 2 },
      { eventId: 'z-6', customerId: 'c-s4', storeId: 'shiraz-01', score: 8 },
    ]);
    await produce(environment.config, 'surveys', [{ key: 'x', value: '{"not json' }]);
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
    fixture.tehranCase = await caseOf(ladder.url, 'c-t1');
    fixture.shirazCase = await caseOf(ladder.url, 'c-s1');

    tokens.adminT1 = await issueToken(ladder.url, {
      name: 'Admin Vanak',
      role: 'admin',
      storeIds: ['tehran-01'],
    });
    tokens.agentT1 = await issueToken(ladder.url, {
      name: 'Agent Vanak',
      role: 'agent',
      storeIds: ['tehran-01'],
    });
    tokens.managerT1 = await issueToken(ladder.url, {
      name: 'Manager Vanak',
      role: 'manager',
      storeIds: ['tehran-01'],
    });
    tokens.managerFars = await issueToken(ladder.url, {
      name: 'Manager Fars',
      role: 'manager',
      regionIds: ['fars'],
    });
    tokens.revoked = await issueToken(ladder.url, { name: 'Left us', role: 'admin', allStores: true });
    const issued = await callApi<{ items: Array<{ id: string; name: string }> }>(ladder.url, '/api/tokens');
    const revokedId = issued.body.items.find((token) => token.name === 'Left us')!.id;
    expect((await callApi(ladder.url, `/api/tokens/${revokedId}`, { method: 'DELETE' })).status).toBe(200);
    await issueToken(ladder.url, { name: 'Spare', role: 'agent', storeIds: ['online'] });
    await issueToken(ladder.url, { name: 'Spare Vanak', role: 'agent', storeIds: ['tehran-01'] });
    const spares = (await callApi<{ items: Array<{ id: string; name: string }> }>(ladder.url, '/api/tokens'))
      .body.items;
    fixture.spareTokenId = spares.find((token) => token.name === 'Spare')!.id;
    fixture.spareVanakTokenId = spares.find((token) => token.name === 'Spare Vanak')!.id;

    const notifications = await callApi<{ items: Array<{ id: string }> }>(ladder.url, '/api/notifications');
    fixture.notificationId = notifications.body.items[0]!.id;
    const deadLetters = await eventually(async () => {
      const response = await callApi<{ items: Array<{ id: string }> }>(ladder.url, '/api/dead-letters');
      expect(response.body.items.length).toBeGreaterThan(0);
      return response.body.items;
    });
    fixture.deadLetterId = deadLetters[0]!.id;
    const recompute = await callApi<{ jobId: string }>(ladder.url, '/api/segments/recompute', {
      method: 'POST',
    });
    fixture.recomputeJobId = recompute.body.jobId;

    // A member of the club at Shiraz, and a conversion of their code held for review (the same e-mail).
    const invitation = await invitePromoter(
      environment.config,
      { id: 'c-s2', email: 'c-s2@example.com' },
      { eventId: 'z-4', storeId: 'shiraz-01' },
    );
    expect((await followJoinLink(environment.config, invitation)).status).toBe(200);
    const code = (await callApi<CustomerDto>(ladder.url, '/api/customers/c-s2')).body.loyaltyClub!
      .referralCode;
    await produce(environment.config, 'purchases', [
      {
        key: 'c-s3',
        value: JSON.stringify({
          eventId: 'z-5',
          occurredAt: new Date().toISOString(),
          customer: { id: 'c-s3', email: 'C-S2+again@example.com' },
          storeId: 'shiraz-01',
          orderId: 'o-z-5',
          total: { amountMinor: 1000, currency: 'EUR' },
          referralCode: code,
        }),
      },
    ]);
    fixture.shirazReferralId = await eventually(async () => {
      const [held] = (await callApi<ReferralPageDto>(ladder.url, '/api/referrals?status=review')).body.items;
      expect(held).toBeDefined();
      return held!.id;
    });
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  const rows = matrixRows(fixture);

  it('has a row for every route the server answers', () => {
    const routes = new Set(rows.map((row) => `${row.method} ${row.route}`));
    const served = registeredRoutes(ladder);
    expect(served).toEqual(expect.arrayContaining(['GET /api/cases', 'POST /api/cases/:id/resolve']));
    expect(served.filter((route) => !routes.has(route))).toEqual([]);
    expect([...routes].filter((route) => !served.includes(route) && route !== 'GET /admin/queues')).toEqual(
      [],
    );
  });

  it('answers every route and caller as the role and scope allow, and no more', async () => {
    const mismatches: string[] = [];
    for (const row of rows) {
      for (const caller of CALLERS) {
        const expected = row.expect[caller] ?? (caller === 'nobody' || caller === 'revoked' ? 401 : 403);
        const response = await fetch(`${ladder.url}${row.path()}`, {
          method: row.method,
          redirect: 'manual',
          headers: {
            accept: row.json ? 'application/json' : '*/*',
            ...(tokens[caller as keyof typeof tokens]
              ? { authorization: `Bearer ${tokens[caller as keyof typeof tokens]}` }
              : {}),
            ...(row.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: row.body === undefined ? undefined : JSON.stringify(row.body),
        });
        const ok =
          expected === 'allowed'
            ? (response.status >= 200 && response.status < 300) || response.status === 409
            : response.status === expected;
        if (!ok)
          mismatches.push(
            `${row.method} ${row.path()} as ${caller}: ${response.status}, expected ${expected}`,
          );
        if (response.status >= 400 && response.headers.get('content-type')?.includes('json')) {
          const body = (await response.json()) as { error?: { code?: string } };
          if (!body.error?.code) mismatches.push(`${row.method} ${row.path()} as ${caller}: no error code`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('lists, counts and reports only what is inside the token scope', async () => {
    const seen = async (caller: Caller, path: string) =>
      (await callApi<CasePageDto>(ladder.url, path, { token: tokens[caller]! })).body.items.map(
        (item) => item.storeId,
      );
    expect(new Set(await seen('agentT1', '/api/cases'))).toEqual(new Set(['tehran-01']));
    expect(new Set(await seen('managerFars', '/api/cases'))).toEqual(new Set(['shiraz-01']));
    expect(new Set(await seen('admin', '/api/cases'))).toEqual(
      new Set(['tehran-01', 'tehran-02', 'shiraz-01']),
    );
    // Asking for another store by name finds nothing rather than another store's cases.
    expect(await seen('agentT1', '/api/cases?storeId=shiraz-01')).toEqual([]);
    expect(await seen('agentT1', '/api/cases?regionId=fars')).toEqual([]);
    expect(await seen('agentT1', '/api/cases?customerId=c-s1')).toEqual([]);

    const nps = await callApi<NpsReportDto>(ladder.url, '/api/nps?groupBy=store', {
      token: tokens.managerFars!,
    });
    expect(nps.body.rows.map((row) => row.key)).toEqual(['shiraz-01']);
    const elsewhere = await callApi<NpsReportDto>(ladder.url, '/api/nps?storeId=tehran-01', {
      token: tokens.managerFars!,
    });
    expect(elsewhere.body.total.responses).toBe(0);
    const recovery = await callApi<RecoveryReportDto>(ladder.url, '/api/recovery', {
      token: tokens.managerT1!,
    });
    expect(recovery.body.rows.every((row) => row.storeId === 'tehran-01')).toBe(true);
    const health = await callApi<QueueHealthDto>(ladder.url, '/api/queue-health', {
      token: tokens.managerT1!,
    });
    expect(health.body.rows.map((row) => row.storeId)).toEqual(['tehran-01']);

    // The club and its referrals: Shiraz's member and referral exist only for Shiraz and the admin.
    const members = async (caller: Caller, path = '/api/members') =>
      (await callApi<MemberPageDto>(ladder.url, path, { token: tokens[caller]! })).body.items.map(
        (item) => item.customerId,
      );
    // Vouchers: the Shiraz member's welcome voucher is counted for Shiraz's people and the admin only.
    const vouchers = async (caller: Caller) =>
      (
        await callApi<RedemptionReportDto>(ladder.url, '/api/vouchers/redemption', { token: tokens[caller]! })
      ).body.rows.map((row) => `${row.storeId} ${row.kind} ${row.issued}`);
    expect(await vouchers('admin')).toContain('shiraz-01 welcome 1');
    expect(await vouchers('managerFars')).toEqual(await vouchers('admin'));
    expect(await vouchers('managerT1')).toEqual([]);
    expect(await members('admin')).toEqual(['c-s2']);
    expect(await members('managerFars')).toEqual(['c-s2']);
    expect(await members('agentT1')).toEqual([]);
    expect(await members('managerT1', '/api/members?storeId=shiraz-01')).toEqual([]);
    const referrals = async (caller: Caller) =>
      (
        await callApi<ReferralPageDto>(ladder.url, '/api/referrals', { token: tokens[caller]! })
      ).body.items.map((item) => item.id);
    expect(await referrals('managerFars')).toEqual([fixture.shirazReferralId]);
    expect(await referrals('managerT1')).toEqual([]);
  });

  it('changes nothing when someone acts on a case outside their scope', async () => {
    const before = await caseOf(ladder.url, 'c-t2');
    for (const caller of ['agentT1', 'managerFars'] as const) {
      for (const [action, body] of [
        ['claim', {}],
        ['note', { text: 'Not mine.' }],
        ['resolve', { rootCause: 'other', actionTaken: 'Nothing.' }],
        ['close', {}],
      ] as const) {
        const response = await callApi(ladder.url, `/api/cases/${before.id}/${action}`, {
          method: 'POST',
          token: tokens[caller]!,
          body,
        });
        expect([403, 404]).toContain(response.status);
      }
    }
    const after = await caseOf(ladder.url, 'c-t2');
    expect(after.status).toBe(before.status);
    expect(after.history).toEqual(before.history);
    expect(after.ownerId).toBeNull();
  });
});

/** The routes the HTTP server has, as `METHOD /path`, read from Express's router. */
function registeredRoutes(ladder: RunningLadder): string[] {
  const express = ladder.app.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  return express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${layer.route!.path}`)
      : [],
  );
}
