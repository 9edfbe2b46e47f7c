import { createTestEnvironment, createTopics, TEST_ADMIN_TOKEN, type TestEnvironment } from '#testing';
import { startLadder, type RunningLadder } from './support/ladder.js';

/**
 * Every answer carries the browser's security headers, and a content security policy fit for what it is: a
 * JSON answer may run nothing, a customer's page only its own styles and form, the operations UI and the
 * queue board only their own scripts.
 */
describe('security headers', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;

  beforeAll(async () => {
    environment = await createTestEnvironment('headers');
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  const headersOf = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${ladder.url}${path}`, { redirect: 'manual', ...init });
    await response.arrayBuffer();
    return { status: response.status, headers: response.headers };
  };
  const admin = { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, accept: 'text/html' } };

  it('sends nosniff, no referrer elsewhere, no framing and no powered-by on every kind of answer', async () => {
    for (const [path, init] of [
      ['/api/nps', admin],
      ['/api/cases', {}],
      ['/u/forged.token', {}],
      ['/ui/', {}],
      ['/api/docs', {}],
      ['/admin/queues', admin],
      ['/health/live', {}],
    ] as const) {
      const { headers } = await headersOf(path, init);
      expect({ path, nosniff: headers.get('x-content-type-options') }).toEqual({ path, nosniff: 'nosniff' });
      // Never sent to another site: a signed link in a customer's page must not leak as a referrer.
      expect(['no-referrer', 'same-origin']).toContain(headers.get('referrer-policy'));
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect({ path, poweredBy: headers.get('x-powered-by') }).toEqual({ path, poweredBy: null });
    }
  });

  it('lets each kind of answer run only what it needs', async () => {
    const policy = async (path: string, init: RequestInit = {}) =>
      (await headersOf(path, init)).headers.get('content-security-policy') ?? '';
    expect(await policy('/api/nps', admin)).toMatch(/^default-src 'none'/);
    expect(await policy('/u/forged.token')).toContain("default-src 'self'");
    expect(await policy('/u/forged.token')).not.toContain('unsafe-inline');
    expect((await headersOf('/u/forged.token')).headers.get('referrer-policy')).toBe('no-referrer');
    expect(await policy('/ui/')).toContain("script-src 'self'");
    expect(await policy('/ui/')).not.toContain('unsafe');
    const board = await policy('/admin/queues', admin);
    expect(board).toContain("script-src 'self'");
    expect(board).not.toMatch(/script-src[^;]*unsafe/);
  });
});
