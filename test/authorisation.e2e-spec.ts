import type {
  CaseDto,
  CasePageDto,
  CustomerDto,
  MemberPageDto,
  NpsReportDto,
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
import { startLadder, type RunningLadder } from './support/ladder.js';

type Caller = 'adminT1' | 'admin' | 'managerFars' | 'managerT1' | 'agentT1' | 'revoked' | 'nobody';
// The store-scoped admin goes first: what it may not do, the all-stores admin has not done yet.
const CALLERS: Caller[] = ['adminT1', 'admin', 'managerFars', 'managerT1', 'agentT1', 'revoked', 'nobody'];

/**
 * What each caller gets: a status, or 'allowed' for "not refused" (2xx, or 409 when the case's state says no,
 * which is the workflow talking, not access control). Callers left out of a row answer 401 when they carry
 * no valid token (`nobody`, `revoked`) and 403 otherwise.
 */
type Expected = number | 'allowed';
interface Row {
  method: 'GET' | 'POST' | 'DELETE';
  /** The route as the router knows it, e.g. /api/cases/:id/claim. */
  route: string;
  path: () => string;
  body?: unknown;
  expect: Partial<Record<Caller, Expected>>;
  /** Sent with `accept: text/html` like a browser (the queue board redirects browsers to sign in). */
  json?: boolean;
}

const ALL_TOKENS = { adminT1: 200, admin: 200, managerFars: 200, managerT1: 200, agentT1: 200 } as const;
const ADMIN_ONLY = { admin: 'allowed' } as const;

/**
 * Every route Ladder serves, with every role and scope: an agent and a manager of Tehran Vanak (tehran-01),
 * a manager of the Fars region (shiraz-01), an admin, a revoked token and no token at all. Nothing outside a
 * token's scope is read or changed; another store's case answers 404 like a case that does not exist.
 */
describe('authorisation on every route', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  const tokens: Partial<Record<Caller, string>> = { admin: TEST_ADMIN_TOKEN };
  let tehranCase: CaseDto;
  let shirazCase: CaseDto;
  let spareTokenId: string;
  let spareVanakTokenId: string;
  let notificationId: string;
  let deadLetterId: string;
  let recomputeJobId: string;
  let shirazReferralId: string;

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
    tehranCase = await caseOf(ladder.url, 'c-t1');
    shirazCase = await caseOf(ladder.url, 'c-s1');

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
    spareTokenId = spares.find((token) => token.name === 'Spare')!.id;
    spareVanakTokenId = spares.find((token) => token.name === 'Spare Vanak')!.id;

    const notifications = await callApi<{ items: Array<{ id: string }> }>(ladder.url, '/api/notifications');
    notificationId = notifications.body.items[0]!.id;
    const deadLetters = await eventually(async () => {
      const response = await callApi<{ items: Array<{ id: string }> }>(ladder.url, '/api/dead-letters');
      expect(response.body.items.length).toBeGreaterThan(0);
      return response.body.items;
    });
    deadLetterId = deadLetters[0]!.id;
    const recompute = await callApi<{ jobId: string }>(ladder.url, '/api/segments/recompute', {
      method: 'POST',
    });
    recomputeJobId = recompute.body.jobId;

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
    shirazReferralId = await eventually(async () => {
      const [held] = (await callApi<ReferralPageDto>(ladder.url, '/api/referrals?status=review')).body.items;
      expect(held).toBeDefined();
      return held!.id;
    });
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  const rows: Row[] = [
    { method: 'GET', route: '/health/live', path: () => '/health/live', expect: everyone(200) },
    { method: 'GET', route: '/health/ready', path: () => '/health/ready', expect: everyone('allowed') },
    { method: 'GET', route: '/health/loop', path: () => '/health/loop', expect: everyone('allowed') },
    // Prometheus scrapes without a token: ids and counts only, for the internal network.
    { method: 'GET', route: '/metrics', path: () => '/metrics', expect: everyone(200) },
    // The API's OpenAPI document and its page are for integrators before they hold a token.
    { method: 'GET', route: '/api/docs', path: () => '/api/docs', expect: everyone(200) },
    {
      method: 'GET',
      route: '/api/docs/openapi.json',
      path: () => '/api/docs/openapi.json',
      expect: everyone(200),
    },
    {
      method: 'GET',
      route: '/api/docs/assets/:file',
      path: () => '/api/docs/assets/swagger-ui.css',
      expect: everyone(200),
    },
    { method: 'GET', route: '/', path: () => '/', expect: everyone(302) },
    { method: 'GET', route: '/cases/:id', path: () => `/cases/${shirazCase.id}`, expect: everyone(302) },
    // The re-survey page answers for a signed link only; a forged one gets the "not valid" page.
    { method: 'GET', route: '/r/:token', path: () => '/r/forged.token', expect: everyone(200) },
    {
      method: 'POST',
      route: '/r/:token',
      path: () => '/r/forged.token',
      body: { score: 10 },
      expect: everyone(200),
    },
    {
      method: 'POST',
      route: '/api/session',
      path: () => '/api/session',
      body: { token: 'wrong' },
      expect: everyone(401),
    },
    { method: 'GET', route: '/api/session', path: () => '/api/session', expect: ALL_TOKENS },
    { method: 'DELETE', route: '/api/session', path: () => '/api/session', expect: everyone(204) },
    { method: 'GET', route: '/api/cases', path: () => '/api/cases', expect: ALL_TOKENS },
    {
      method: 'GET',
      route: '/api/cases/:id',
      path: () => `/api/cases/${tehranCase.id}`,
      expect: { adminT1: 200, admin: 200, managerT1: 200, agentT1: 200, managerFars: 404 },
    },
    {
      method: 'GET',
      route: '/api/cases/:id',
      path: () => `/api/cases/${shirazCase.id}`,
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 404 },
    },
    ...(
      [
        ['claim', {}],
        ['note', { text: 'Called twice.' }],
        ['contact', { result: 'no-answer' }],
        ['resolve', { rootCause: 'delivery', actionTaken: 'Sent a new one.' }],
        ['reopen', { reason: 'Not fixed.' }],
        ['escalate', { reason: 'Needs the region.' }],
      ] as const
    ).map(([action, body]): Row => ({
      method: 'POST',
      route: `/api/cases/:id/${action}`,
      path: () => `/api/cases/${shirazCase.id}/${action}`,
      body,
      // Tehran Vanak's people cannot touch Shiraz's case: it does not exist for them.
      expect: { adminT1: 404, managerT1: 404, agentT1: 404, managerFars: 'allowed', admin: 'allowed' },
    })),
    {
      method: 'POST',
      route: '/api/cases/:id/close',
      path: () => `/api/cases/${shirazCase.id}/close`,
      body: {},
      expect: { adminT1: 404, managerT1: 404, agentT1: 403, managerFars: 'allowed', admin: 'allowed' },
    },
    { method: 'GET', route: '/api/recovery', path: () => '/api/recovery', expect: ALL_TOKENS },
    {
      method: 'GET',
      route: '/api/customers/:id',
      path: () => '/api/customers/c-s1',
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 404 },
    },
    {
      // Erasure is for admins only (a customer nobody knows yet: remembered, so nothing of theirs is kept),
      // and a store-scoped admin cannot vouch that no other store knows them.
      method: 'DELETE',
      route: '/api/customers/:id',
      path: () => '/api/customers/c-never-seen',
      expect: { admin: 200 },
    },
    {
      method: 'DELETE',
      route: '/api/customers/:id',
      path: () => '/api/customers/c-s4',
      expect: { adminT1: 403, admin: 200 },
    },
    {
      // Known to Tehran Vanak alone: its admin may erase them (the all-stores admin then finds it done).
      method: 'DELETE',
      route: '/api/customers/:id',
      path: () => '/api/customers/c-t1',
      expect: { adminT1: 200, admin: 200 },
    },
    { method: 'GET', route: '/api/nps', path: () => '/api/nps', expect: ALL_TOKENS },
    {
      method: 'GET',
      route: '/api/ladder',
      path: () => '/api/ladder?storeId=shiraz-01',
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 404 },
    },
    {
      method: 'GET',
      route: '/api/segments',
      path: () => '/api/segments?storeId=shiraz-01',
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 404 },
    },
    {
      method: 'POST',
      route: '/api/segments/recompute',
      path: () => '/api/segments/recompute',
      expect: {
        adminT1: 'allowed',
        admin: 'allowed',
        managerFars: 'allowed',
        managerT1: 'allowed',
        agentT1: 403,
      },
    },
    {
      method: 'GET',
      route: '/api/segments/recompute/:jobId',
      path: () => `/api/segments/recompute/${recomputeJobId}`,
      expect: ALL_TOKENS,
    },
    { method: 'GET', route: '/api/members', path: () => '/api/members', expect: ALL_TOKENS },
    {
      method: 'GET',
      route: '/api/vouchers/redemption',
      path: () => '/api/vouchers/redemption',
      expect: ALL_TOKENS,
    },
    {
      method: 'GET',
      route: '/api/members/:customerId',
      path: () => '/api/members/c-s2',
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 404 },
    },
    { method: 'GET', route: '/api/referrals', path: () => '/api/referrals', expect: ALL_TOKENS },
    {
      method: 'GET',
      route: '/api/referrals/:id',
      path: () => `/api/referrals/${shirazReferralId}`,
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 404 },
    },
    ...(['approve', 'reject'] as const).map((decision): Row => ({
      method: 'POST',
      route: `/api/referrals/:id/${decision}`,
      path: () => `/api/referrals/${shirazReferralId}/${decision}`,
      body: decision === 'reject' ? { reason: 'Same person.' } : {},
      // Agents never decide; Tehran Vanak's manager cannot see Shiraz's referral at all.
      expect: { adminT1: 404, managerT1: 404, agentT1: 403, managerFars: 'allowed', admin: 'allowed' },
    })),
    // The customer's pages answer for a signed link or a real code only.
    { method: 'GET', route: '/join/:token', path: () => '/join/forged.token', expect: everyone(404) },
    { method: 'POST', route: '/join/:token', path: () => '/join/forged.token', expect: everyone(404) },
    { method: 'GET', route: '/u/:token', path: () => '/u/forged.token', expect: everyone(404) },
    { method: 'POST', route: '/u/:token', path: () => '/u/forged.token', expect: everyone(404) },
    { method: 'GET', route: '/refer/:code', path: () => '/refer/NOBODY-0000', expect: everyone(404) },
    { method: 'GET', route: '/api/dead-letters', path: () => '/api/dead-letters', expect: ADMIN_ONLY },
    {
      method: 'POST',
      route: '/api/dead-letters/:id/redrive',
      path: () => `/api/dead-letters/${deadLetterId}/redrive`,
      expect: ADMIN_ONLY,
    },
    { method: 'GET', route: '/api/notifications', path: () => '/api/notifications', expect: ADMIN_ONLY },
    {
      method: 'POST',
      route: '/api/notifications/:id/retry',
      path: () => `/api/notifications/${notificationId}/retry`,
      expect: ADMIN_ONLY,
    },
    { method: 'GET', route: '/api/stuck', path: () => '/api/stuck', expect: ADMIN_ONLY },
    // Nothing is parked or failed here: the admin is told so (404), everyone else is refused first.
    {
      method: 'POST',
      route: '/api/stuck/outbox/:id/retry',
      path: () => '/api/stuck/outbox/1/retry',
      expect: { admin: 404 },
    },
    {
      method: 'POST',
      route: '/api/stuck/jobs/:queue/:id/retry',
      path: () => '/api/stuck/jobs/follow-up/nothing/retry',
      expect: { admin: 404 },
    },
    // A store-scoped admin lists, issues and revokes tokens within its own stores, and no wider.
    { method: 'GET', route: '/api/tokens', path: () => '/api/tokens', expect: { adminT1: 200, admin: 200 } },
    {
      method: 'POST',
      route: '/api/tokens',
      path: () => '/api/tokens',
      body: { name: 'Another', role: 'agent', storeIds: ['tehran-01'] },
      expect: { adminT1: 201, admin: 201 },
    },
    ...[
      { name: 'Everywhere', role: 'admin', allStores: true },
      { name: 'Two stores', role: 'agent', storeIds: ['tehran-01', 'shiraz-01'] },
      { name: 'A region', role: 'manager', regionIds: ['tehran'] },
    ].map((body): Row => ({
      method: 'POST',
      route: '/api/tokens',
      path: () => '/api/tokens',
      body,
      expect: { adminT1: 403, admin: 201 },
    })),
    {
      method: 'DELETE',
      route: '/api/tokens/:id',
      path: () => `/api/tokens/${spareTokenId}`,
      expect: { adminT1: 404, admin: 200 },
    },
    {
      method: 'DELETE',
      route: '/api/tokens/:id',
      path: () => `/api/tokens/${spareVanakTokenId}`,
      expect: { adminT1: 200, admin: 200 },
    },
    { method: 'GET', route: '/admin/queues', path: () => '/admin/queues', expect: ADMIN_ONLY, json: true },
  ];

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
      token: tokens.agentT1!,
    });
    expect(recovery.body.rows.every((row) => row.storeId === 'tehran-01')).toBe(true);

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
    expect(await referrals('managerFars')).toEqual([shirazReferralId]);
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

function everyone(status: Expected): Partial<Record<Caller, Expected>> {
  return Object.fromEntries(CALLERS.map((caller) => [caller, status]));
}

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
