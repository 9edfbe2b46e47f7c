import type { CustomerDto, MemberDetailDto, PointsAccountDto } from '#contracts';
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
import { caseOf, issueToken, produceAnswers } from './support/feedback.js';
import { followJoinLink, invitePromoter } from './support/promoters.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

/**
 * A customer's page in the operations UI, in headless Chromium against a real Ladder: a manager follows a
 * case to its customer and sees who she is, her rung, her contact budget, her club membership with the
 * voucher she paid with, her open case and what happened, in English and in Persian; a failed load offers a
 * retry, and an unknown customer says so.
 */
describe('the customer page in the operations web UI', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let browser: Browser;
  let page: Page;
  let managerToken: string;
  const problems: string[] = [];
  const screenshots = screenshotDirectory();
  const sara = { id: 'cp-sara', email: 'sara.cp@example.com', name: 'Sara Jones', locale: 'en' };
  const complaint = 'The courier left the parcel in the rain.';

  beforeAll(async () => {
    environment = await createTestEnvironment('customer-ui', {
      LADDER_DIRECTORY: new URL('./fixtures/promoter-directory.yaml', import.meta.url).pathname,
    });
    await createTopics(environment.config);
    const [started, chromium] = await Promise.all([startLadder(environment.config), launchChromium()]);
    ladder = started;
    browser = chromium;
    const invitation = await invitePromoter(environment.config, sara, {
      eventId: 'cp-s-1',
      storeId: 'online',
    });
    expect((await followJoinLink(environment.config, invitation)).status).toBe(200);
    const ledger = (await callApi<MemberDetailDto>(ladder.url, `/api/members/${sara.id}`)).body.ledger;
    await produce(environment.config, 'purchases', [
      {
        key: sara.id,
        value: JSON.stringify({
          eventId: 'cp-p-1',
          occurredAt: new Date().toISOString(),
          customer: { id: sara.id },
          storeId: 'online',
          orderId: 'o-cp-1',
          total: { amountMinor: 4_990, currency: 'EUR' },
          voucherCode: ledger[0]!.voucherCode,
        }),
      },
    ]);
    await produceAnswers(environment.config, [
      {
        eventId: 'cp-s-2',
        customerId: sara.id,
        storeId: 'online',
        score: 2,
        comment: complaint,
        email: sara.email,
      },
    ]);
    await waitUntilSettled(environment.config);
    await eventually(async () => {
      const [voucher] = (await callApi<MemberDetailDto>(ladder.url, `/api/members/${sara.id}`)).body.ledger;
      expect(voucher!.redemption).not.toBeNull();
    });
    managerToken = await issueToken(ladder.url, {
      name: 'Rosa Manager',
      role: 'manager',
      storeIds: ['online'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await ladder?.stop();
    await environment?.cleanup();
  });

  const text = (selector: string) => page.locator(selector).first().innerText();

  async function signIn(): Promise<void> {
    await page.goto(`${ladder.url}/ui/#/signin`);
    await page.locator('#token').fill(managerToken);
    await page.locator('form.signin button[type=submit]').click();
    await page.locator('#who').waitFor();
  }

  it('follows a case to its customer and shows her as the API knows her, in both languages', async () => {
    const item = await caseOf(ladder.url, sara.id);
    const profile = (
      await callApi<CustomerDto>(ladder.url, `/api/customers/${sara.id}`, { token: managerToken })
    ).body;
    await signIn();
    await page.goto(`${ladder.url}/ui/#/cases/${item.id}`);
    await page.locator('#customer-link').click();
    await page.waitForURL(`**/ui/#/customers/${sara.id}`);
    await page.locator('#customer-vouchers').waitFor();

    expect(await text('#customer-title')).toBe('Customer · Sara Jones');
    expect(await text('#customer-stage')).toBe(
      profile.stage!.charAt(0).toUpperCase() + profile.stage!.slice(1),
    );
    expect(await text('#customer-profile')).toContain(sara.email);
    expect(await text('#customer-budget')).toContain('Marketing consent\ngiven');
    expect(await text('#customer-club')).toContain(profile.loyaltyClub!.referralCode);
    expect(await text('#customer-vouchers .voucher-state')).toMatch(/^redeemed · /);
    expect(await text('#customer-vouchers')).toContain('€15.00');
    expect(await text('#customer-vouchers .voucher-kind')).toBe('welcome');
    // Her points as the API counts them: the purchase and her answer after she joined.
    const points = (
      await callApi<PointsAccountDto>(ladder.url, `/api/members/${sara.id}/points`, { token: managerToken })
    ).body;
    expect(points.balance).toBeGreaterThan(0);
    expect(await text('#customer-points')).toBe(points.balance.toLocaleString('en'));
    expect(await text('#customer-points-ledger')).toContain('a purchase');
    expect(await text('#customer-history')).toContain(complaint);
    expect(await text('#customer-history')).toContain('Answered 2/10 at online');
    expect(await text('#customer-history')).not.toContain('[object');
    expect(await text('#customer-history')).toContain('Bought at online: €49.90');
    await page.locator('#customer-cases a').click();
    await page.waitForURL(`**/ui/#/cases/${item.id}`);
    await page.goBack();
    await page.locator('#customer-vouchers').waitFor();
    await page.screenshot({ path: join(screenshots, 'customer-page-en.png'), fullPage: true });

    await page.locator('#language').click();
    await eventually(async () => expect(await text('#customer-title')).toBe('مشتری · Sara Jones'));
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await text('#customer-vouchers .voucher-state')).toMatch(/^استفاده شده · /);
    expect(await text('#customer-points')).toMatch(/^[۰-۹٬]+$/);
    expect(await text('#customer-history')).toContain('۴۹٫۹۰');
    expect(await text('#customer-history')).toContain('امتیاز ۲ از ۱۰ در online');
    await page.screenshot({ path: join(screenshots, 'customer-page-fa.png'), fullPage: true });
    await page.locator('#language').click();
    expect(problems).toEqual([]);
  });

  it('offers a retry when the customer cannot be loaded, and says when there is no such customer', async () => {
    const show = (id: string) => page.goto(`${ladder.url}/ui/#/customers/${id}`);
    const alert = page.locator('#app [role=alert]');
    await show('nobody-here');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('This customer does not exist, or is not in your stores.');
    expect(await page.locator('#customer-title').count()).toBe(0);

    await page.route('**/api/customers/**', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal-error', message: 'Something broke.' } }),
      }),
    );
    await show(sara.id);
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Ladder could not load this.');
    await page.unrouteAll();
    await alert.locator('button').click();
    await page.locator('#customer-vouchers').waitFor();
    expect(problems).toEqual([]);
  });
});
