import type { MemberDetailDto, MemberPageDto, ReferralDto, ReferralPageDto } from '#contracts';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotDirectory } from './support/browser.js';
import { issueToken } from './support/feedback.js';
import { followJoinLink, invitePromoter } from './support/promoters.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

const DAY = 86_400_000;

/**
 * The referrals a fraud check held, reviewed in the operations UI in headless Chromium against a real Ladder:
 * Sara, a member of the online shop's club, "brings" herself under another customer id with her own e-mail
 * address (self-referral) and two customers who had bought before (existing-customer). A manager of the
 * online shop sees them with their flags explained, in English and in Persian, approves one with a note,
 * cannot reject another without a reason, rejects it with one, and is told when someone decided a referral
 * first. An agent sees no referrals at all.
 */
describe('the referral review in the operations web UI', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let browser: Browser;
  let page: Page;
  let managerToken: string;
  let agentToken: string;
  let code: string;
  const problems: string[] = [];
  const screenshots = screenshotDirectory();
  const sara = { id: 'rr-sara', email: 'sara.rr@example.com', name: 'Sara' };
  /** The referral of each friend, as the API first listed it. */
  const referralOf: Record<string, ReferralDto> = {};

  function purchase(
    eventId: string,
    customer: { id: string; email: string },
    options: { at?: number; code?: string } = {},
  ) {
    return {
      key: customer.id,
      value: JSON.stringify({
        eventId,
        occurredAt: new Date(Date.now() + (options.at ?? 0)).toISOString(),
        customer,
        storeId: 'online',
        orderId: `o-${eventId}`,
        total: { amountMinor: 4_990, currency: 'EUR' },
        ...(options.code ? { referralCode: options.code } : {}),
      }),
    };
  }

  beforeAll(async () => {
    environment = await createTestEnvironment('referral-ui', {
      LADDER_DIRECTORY: new URL('./fixtures/promoter-directory.yaml', import.meta.url).pathname,
      LADDER_REFERRAL_COOLING_OFF: '5s',
    });
    await createTopics(environment.config);
    const [ladderStarted, chromium] = await Promise.all([startLadder(environment.config), launchChromium()]);
    ladder = ladderStarted;
    browser = chromium;

    // Sara, a promoter with consent, is invited and joins the club through her invitation's link.
    const invitation = await invitePromoter(environment.config, sara, {
      eventId: 'rr-s-sara',
      storeId: 'online',
    });
    expect((await followJoinLink(environment.config, invitation)).status).toBe(200);
    const members = await callApi<MemberPageDto>(ladder.url, '/api/members?storeId=online');
    expect(members.body.items.map((member) => member.customerId)).toEqual([sara.id]);
    code = members.body.items[0]!.referralCode;

    // Two customers who bought before, without a code; then three purchases with Sara's code: hers, under
    // another customer id, and theirs.
    const returning = { id: 'rr-returning', email: 'returning@example.com' };
    const late = { id: 'rr-late', email: 'late@example.com' };
    await produce(environment.config, 'purchases', [
      purchase('rr-p-1', returning, { at: -7 * DAY }),
      purchase('rr-p-2', late, { at: -3 * DAY }),
    ]);
    await eventually(async () => {
      for (const customer of [returning, late]) {
        expect((await callApi(ladder.url, `/api/customers/${customer.id}`)).status).toBe(200);
      }
    });
    await produce(environment.config, 'purchases', [
      purchase('rr-p-3', { id: 'rr-self', email: sara.email }, { code }),
      purchase('rr-p-4', returning, { code }),
      purchase('rr-p-5', late, { code }),
    ]);
    const held = await eventually(async () => {
      const items = (await callApi<ReferralPageDto>(ladder.url, '/api/referrals?status=review')).body.items;
      expect(Object.fromEntries(items.map((item) => [item.refereeId, item.flags]))).toEqual({
        'rr-self': ['self-referral'],
        'rr-returning': ['existing-customer'],
        'rr-late': ['existing-customer'],
      });
      return items;
    });
    for (const item of held) referralOf[item.refereeId] = item;
    await waitUntilSettled(environment.config);

    managerToken = await issueToken(ladder.url, {
      name: 'Rosa Manager',
      role: 'manager',
      storeIds: ['online'],
    });
    agentToken = await issueToken(ladder.url, { name: 'Kim Agent', role: 'agent', storeIds: ['online'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // The API's refusals (500 from the test's own route, 409) are logged by Chromium; nothing else may be.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await ladder?.stop();
    await environment?.cleanup();
  });

  const rowIds = () =>
    page
      .locator('article.referral')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-referral-id')));
  const rowOf = (friend: string) =>
    page.locator(`article.referral[data-referral-id="${referralOf[friend]!.id}"]`);
  const referral = async (friend: string) =>
    (await callApi<ReferralDto>(ladder.url, `/api/referrals/${referralOf[friend]!.id}`)).body;

  it('shows a manager the referrals link, a failed load with a retry, and the held referrals newest first', async () => {
    await page.goto(`${ladder.url}/`);
    await page.locator('#token').fill(managerToken);
    await page.locator('form.signin button[type=submit]').click();
    await expectText(page.locator('#who'), 'Rosa Manager · manager');
    const link = page.locator('#referrals-link');
    await link.waitFor({ state: 'visible' });
    expect(await link.innerText()).toBe('Referrals');

    // The API fails once: the page says so and offers to try again.
    const referralList = (url: URL) => url.pathname === '/api/referrals';
    await page.route(referralList, (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'Something broke.' } }),
      }),
    );
    await link.click();
    await expectText(page.locator('#referrals [role=alert]'), 'Ladder could not load this.');
    await page.unroute(referralList);

    // Pages of two (the UI asks for 25), so there is more to load.
    await page.route(referralList, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '2');
      return route.continue({ url: url.toString() });
    });
    await page.locator('#referrals [role=alert] button').click();
    await page.locator('#referrals-more').waitFor();
    expect(await rowIds()).toHaveLength(2);
    await page.locator('#referrals-more').click();
    await eventually(async () => expect(await rowIds()).toHaveLength(3));
    await page.locator('#referrals-more').waitFor({ state: 'detached' });
    await page.unroute(referralList);

    // Newest first, as the API lists them to this manager.
    const listed = await callApi<ReferralPageDto>(ladder.url, '/api/referrals?status=review', {
      token: managerToken,
    });
    const ids = listed.body.items.map((item) => item.id);
    expect(await rowIds()).toEqual(ids);
    const created = listed.body.items.map((item) => item.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    const self = await rowOf('rr-self').innerText();
    for (const text of [
      'rr-self',
      sara.id,
      code,
      'online',
      'Self-referral',
      'The friend looks like the referrer: the same customer, e-mail address or phone number.',
    ]) {
      expect(self).toContain(text);
    }
    expect(await rowOf('rr-returning').innerText()).toContain(
      'The friend had bought from us before this purchase, so the code brought nobody new.',
    );
    expect(await page.locator('#referrals-link').getAttribute('aria-current')).toBe('page');
    // The manager's one store, chosen in the filter: the same three.
    await page.locator('#store').selectOption('online');
    await page.locator('form.filters button[type=submit]').click();
    await page.waitForURL(/#\/referrals\?storeId=online$/);
    await eventually(async () => expect(await rowIds()).toEqual(ids));
    await page.screenshot({ path: join(screenshots, 'referrals-en.png'), fullPage: true });
  });

  it('speaks Persian right to left, with Persian digits and Solar Hijri dates', async () => {
    await page.locator('#language').click();
    await expectText(page.locator('h1'), 'معرفی‌های نیازمند بررسی');
    const html = page.locator('html');
    expect([await html.getAttribute('lang'), await html.getAttribute('dir')]).toEqual(['fa', 'rtl']);
    await eventually(async () => expect(await rowIds()).toHaveLength(3));
    expect(await page.locator('#referrals-link').innerText()).toBe('معرفی‌ها');
    const self = await rowOf('rr-self').innerText();
    expect(self).toContain('معرفی خود');
    expect(self).toContain('این دوست همان معرف به نظر می‌رسد');
    expect(self).toMatch(/[۰-۹]/);
    expect(self).toMatch(/آذر|دی|بهمن|اسفند|فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان/);
    expect(await rowOf('rr-returning').innerText()).toContain('مشتری قدیمی');
    await page.screenshot({ path: join(screenshots, 'referrals-fa.png'), fullPage: true });
    await page.locator('#language').click();
    await expectText(page.locator('h1'), 'Referrals to review');
    await eventually(async () => expect(await rowIds()).toHaveLength(3));
  });

  it("shows the API's message when someone else decided a referral first, and the row leaves the list", async () => {
    const elsewhere = await callApi(ladder.url, `/api/referrals/${referralOf['rr-late']!.id}/reject`, {
      method: 'POST',
      body: { reason: 'Decided on the phone.' },
    });
    expect(elsewhere.status).toBe(200);
    await rowOf('rr-late').locator('.approve-form input').fill('Looks fine to me.');
    await rowOf('rr-late').locator('.approve-form button').click();
    await expectText(
      page.locator('#referral-notice'),
      'Only a referral in review can be approved; this one is rejected.',
    );
    expect(await page.locator('#referral-notice').getAttribute('class')).toContain('error');
    await rowOf('rr-late').waitFor({ state: 'detached' });
    expect(await rowIds()).toHaveLength(2);
    expect(await referral('rr-late')).toEqual(
      expect.objectContaining({ status: 'rejected', decisionNote: 'Decided on the phone.' }),
    );
  });

  it('approves one with a note, rejects the other only with a reason, and the list is empty', async () => {
    await rowOf('rr-returning')
      .locator('.approve-form input')
      .fill('A regular, but the code brought her back.');
    await rowOf('rr-returning').locator('.approve-form button').click();
    await expectText(
      page.locator('#referral-notice'),
      'Approved: rr-sara is paid for bringing rr-returning.',
    );
    await rowOf('rr-returning').waitFor({ state: 'detached' });

    // An empty reason is refused on the page, and nothing is sent.
    await rowOf('rr-self').locator('.reject-form input').fill('   ');
    await rowOf('rr-self').locator('.reject-form button').click();
    await expectText(rowOf('rr-self').locator('[role=alert]'), 'Write why you reject this referral first.');
    expect(await rowOf('rr-self').locator('.reject-form input').getAttribute('aria-invalid')).toBe('true');
    expect((await referral('rr-self')).status).toBe('review');

    await rowOf('rr-self').locator('.reject-form input').fill('Same e-mail address as Sara.');
    await rowOf('rr-self').locator('.reject-form button').click();
    await expectText(page.locator('#referral-notice'), 'Rejected: rr-sara will never be paid for rr-self.');
    await expectText(page.locator('#referrals-empty'), 'Nothing to review.');
    expect(await rowIds()).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'referrals-done-en.png'), fullPage: true });

    expect(await referral('rr-returning')).toEqual(
      expect.objectContaining({
        status: 'rewarded',
        decidedBy: 'Rosa Manager',
        decisionNote: 'A regular, but the code brought her back.',
        flags: ['existing-customer'],
      }),
    );
    expect(await referral('rr-self')).toEqual(
      expect.objectContaining({
        status: 'rejected',
        decidedBy: 'Rosa Manager',
        decisionNote: 'Same e-mail address as Sara.',
      }),
    );
    const review = await callApi<ReferralPageDto>(ladder.url, '/api/referrals?status=review');
    expect(review.body.items).toEqual([]);
    // Sara is paid for the approved one only.
    await eventually(async () => {
      const { ledger } = (await callApi<MemberDetailDto>(ladder.url, `/api/members/${sara.id}`)).body;
      expect(
        ledger.filter((reward) => reward.kind === 'referral').map((reward) => reward.referralId),
      ).toEqual([referralOf['rr-returning']!.id]);
    });
  });

  it('shows an agent no referrals link, and the page itself refuses them', async () => {
    await page.locator('#sign-out').click();
    await page.locator('#token').waitFor();
    await page.locator('#token').fill(agentToken);
    await page.locator('form.signin button[type=submit]').click();
    await expectText(page.locator('#who'), 'Kim Agent · agent');
    expect(await page.locator('#referrals-link').isHidden()).toBe(true);
    await page.goto(`${ladder.url}/ui/#/referrals`);
    await expectText(
      page.locator('#referrals-forbidden'),
      'Only managers and administrators review referrals.',
    );
    expect(await page.locator('#referrals-link').isHidden()).toBe(true);
    expect(await page.locator('article.referral').count()).toBe(0);
    expect(problems).toEqual([]);
    process.stdout.write(`referral review screenshots in ${screenshots}\n`);
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await eventually(async () => expect(await locator.first().innerText()).toContain(text), {
    timeoutMs: 10_000,
  });
}
