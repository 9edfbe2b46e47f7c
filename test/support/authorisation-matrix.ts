import type { CaseDto } from '#contracts';

// The authorisation matrix of test/authorisation.e2e-spec.ts: who calls, what each gets, and one row per route.

export type Caller = 'adminT1' | 'admin' | 'managerFars' | 'managerT1' | 'agentT1' | 'revoked' | 'nobody';
// The store-scoped admin goes first: what it may not do, the all-stores admin has not done yet.
export const CALLERS: Caller[] = [
  'adminT1',
  'admin',
  'managerFars',
  'managerT1',
  'agentT1',
  'revoked',
  'nobody',
];

/**
 * What each caller gets: a status, or 'allowed' for "not refused" (2xx, or 409 when the case's state says no,
 * which is the workflow talking, not access control). Callers left out of a row answer 401 when they carry
 * no valid token (`nobody`, `revoked`) and 403 otherwise.
 */
export type Expected = number | 'allowed';
export interface Row {
  method: 'GET' | 'POST' | 'DELETE';
  /** The route as the router knows it, e.g. /api/cases/:id/claim. */
  route: string;
  path: () => string;
  body?: unknown;
  expect: Partial<Record<Caller, Expected>>;
  /** Sent with `accept: text/html` like a browser (the queue board redirects browsers to sign in). */
  json?: boolean;
}

export const ALL_TOKENS = {
  adminT1: 200,
  admin: 200,
  managerFars: 200,
  managerT1: 200,
  agentT1: 200,
} as const;
export const ADMIN_ONLY = { admin: 'allowed' } as const;
export const MANAGERS = { adminT1: 200, admin: 200, managerFars: 200, managerT1: 200, agentT1: 403 } as const;

/** What the rows point at, made by the test before they are called. */
export interface MatrixFixture {
  tehranCase: CaseDto;
  shirazCase: CaseDto;
  spareTokenId: string;
  spareVanakTokenId: string;
  notificationId: string;
  deadLetterId: string;
  recomputeJobId: string;
  shirazReferralId: string;
}

/** Every route with what every caller gets; paths are read when called, once the fixture is filled. */
export function matrixRows(fixture: MatrixFixture): Row[] {
  return [
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
    {
      method: 'GET',
      route: '/cases/:id',
      path: () => `/cases/${fixture.shirazCase.id}`,
      expect: everyone(302),
    },
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
      path: () => `/api/cases/${fixture.tehranCase.id}`,
      expect: { adminT1: 200, admin: 200, managerT1: 200, agentT1: 200, managerFars: 404 },
    },
    {
      method: 'GET',
      route: '/api/cases/:id',
      path: () => `/api/cases/${fixture.shirazCase.id}`,
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
      path: () => `/api/cases/${fixture.shirazCase.id}/${action}`,
      body,
      // Tehran Vanak's people cannot touch Shiraz's case: it does not exist for them.
      expect: { adminT1: 404, managerT1: 404, agentT1: 404, managerFars: 'allowed', admin: 'allowed' },
    })),
    {
      method: 'POST',
      route: '/api/cases/:id/close',
      path: () => `/api/cases/${fixture.shirazCase.id}/close`,
      body: {},
      expect: { adminT1: 404, managerT1: 404, agentT1: 403, managerFars: 'allowed', admin: 'allowed' },
    },
    // The dashboard's reports are for managers and admins (agents work the queue).
    { method: 'GET', route: '/api/recovery', path: () => '/api/recovery', expect: MANAGERS },
    { method: 'GET', route: '/api/queue-health', path: () => '/api/queue-health', expect: MANAGERS },
    { method: 'GET', route: '/api/root-causes', path: () => '/api/root-causes', expect: MANAGERS },
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
    { method: 'GET', route: '/api/nps', path: () => '/api/nps', expect: MANAGERS },
    {
      method: 'GET',
      route: '/api/ladder',
      path: () => '/api/ladder?storeId=shiraz-01',
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 403 },
    },
    {
      method: 'GET',
      route: '/api/segments',
      path: () => '/api/segments?storeId=shiraz-01',
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 403 },
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
      path: () => `/api/segments/recompute/${fixture.recomputeJobId}`,
      expect: MANAGERS,
    },
    // The dashboard's reports are for managers and admins; naming another store answers 404.
    ...['/api/people', '/api/themes', '/api/customer-lists/:list'].flatMap((route): Row[] => {
      const path = route.replace(':list', 'at-risk');
      return [
        { method: 'GET', route, path: () => path, expect: MANAGERS },
        {
          method: 'GET',
          route,
          path: () => `${path}?storeId=shiraz-01`,
          expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404 },
        },
      ];
    }),
    {
      method: 'GET',
      route: '/api/customer-lists/:list',
      path: () => '/api/customer-lists/champions?format=csv',
      expect: MANAGERS,
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
    {
      method: 'GET',
      route: '/api/members/:customerId/points',
      path: () => '/api/members/c-s2/points',
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 404 },
    },
    {
      method: 'POST',
      route: '/api/members/:customerId/points/vouchers',
      path: () => '/api/members/c-s2/points/vouchers',
      // More points than the member has: 409 for those who may spend them, 404 outside their stores.
      body: { points: 1_000_000, requestId: 'matrix-spend-0001' },
      expect: { adminT1: 404, admin: 'allowed', managerFars: 'allowed', managerT1: 404, agentT1: 404 },
    },
    // Cross-sell rules are for managers (agents work cases, not offers); a run reaches every store's customers.
    {
      method: 'GET',
      route: '/api/cross-sell/rules',
      path: () => '/api/cross-sell/rules',
      expect: { adminT1: 200, admin: 200, managerFars: 200, managerT1: 200, agentT1: 403 },
    },
    {
      method: 'POST',
      route: '/api/cross-sell/runs',
      path: () => '/api/cross-sell/runs',
      expect: ADMIN_ONLY,
    },
    // No such run: the admin is told so (404), everyone else is refused first.
    {
      method: 'GET',
      route: '/api/cross-sell/runs/:jobId',
      path: () => '/api/cross-sell/runs/run-cross-sell.nothing',
      expect: { admin: 404 },
    },
    { method: 'GET', route: '/api/referrals', path: () => '/api/referrals', expect: ALL_TOKENS },
    {
      method: 'GET',
      route: '/api/referrals/:id',
      path: () => `/api/referrals/${fixture.shirazReferralId}`,
      expect: { adminT1: 404, admin: 200, managerFars: 200, managerT1: 404, agentT1: 404 },
    },
    ...(['approve', 'reject'] as const).map((decision): Row => ({
      method: 'POST',
      route: `/api/referrals/:id/${decision}`,
      path: () => `/api/referrals/${fixture.shirazReferralId}/${decision}`,
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
      path: () => `/api/dead-letters/${fixture.deadLetterId}/redrive`,
      expect: ADMIN_ONLY,
    },
    { method: 'GET', route: '/api/notifications', path: () => '/api/notifications', expect: ADMIN_ONLY },
    {
      method: 'POST',
      route: '/api/notifications/:id/retry',
      path: () => `/api/notifications/${fixture.notificationId}/retry`,
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
      path: () => `/api/tokens/${fixture.spareTokenId}`,
      expect: { adminT1: 404, admin: 200 },
    },
    {
      method: 'DELETE',
      route: '/api/tokens/:id',
      path: () => `/api/tokens/${fixture.spareVanakTokenId}`,
      expect: { adminT1: 200, admin: 200 },
    },
    { method: 'GET', route: '/admin/queues', path: () => '/admin/queues', expect: ADMIN_ONLY, json: true },
  ];
}

export function everyone(status: Expected): Partial<Record<Caller, Expected>> {
  return Object.fromEntries(CALLERS.map((caller) => [caller, status]));
}
