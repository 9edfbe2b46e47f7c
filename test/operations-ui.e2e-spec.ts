import type { CaseDto } from '#contracts';
import {
  createTestEnvironment,
  createTopics,
  eventually,
  TEST_ADMIN_TOKEN,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotDirectory } from './support/browser.js';
import { caseOf, issueToken, produceAnswers } from './support/feedback.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

/**
 * The operations UI in headless Chromium against a real Ladder: an agent of Tehran Vanak signs in, works a case
 * from the queue to resolved with a root cause, and sees it leave the open queue; in English and in Persian.
 */
describe('the operations web UI', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let browser: Browser;
  let page: Page;
  let agentToken: string;
  const screenshots = screenshotDirectory();

  beforeAll(async () => {
    // Tehran Vanak's SLA is 6 s here, so the queue has overdue cases to mark.
    environment = await createTestEnvironment('ui', {
      LADDER_DIRECTORY: new URL('./fixtures/loop-directory.yaml', import.meta.url).pathname,
      LADDER_ESCALATION_STEPS: 'store-manager@0s',
    });
    await createTopics(environment.config);
    await produceAnswers(environment.config, [
      {
        eventId: 'u-1',
        customerId: 'u-1',
        storeId: 'tehran-01',
        score: 1,
        comment: 'چهل دقیقه منتظر ماندم و کسی جواب نداد.',
      },
      {
        eventId: 'u-2',
        customerId: 'u-2',
        storeId: 'tehran-01',
        score: 5,
        comment: 'The screen was scratched.',
      },
      { eventId: 'u-3', customerId: 'u-3', storeId: 'tehran-01', score: 6 },
      {
        eventId: 'u-4',
        customerId: 'u-4',
        storeId: 'online',
        score: 2,
        comment: 'Another store: never shown.',
      },
    ]);
    const [ladderStarted, chromium] = await Promise.all([startLadder(environment.config), launchChromium()]);
    ladder = ladderStarted;
    browser = chromium;
    await waitUntilSettled(environment.config);
    agentToken = await issueToken(ladder.url, { name: 'Sara Agent', role: 'agent', storeIds: ['tehran-01'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await ladder?.stop();
    await environment?.cleanup();
  });

  const queueIds = () =>
    page.locator('tr.case-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id')));

  it('refuses a wrong token with a message, then signs the agent in to the queue', async () => {
    await page.goto(`${ladder.url}/`);
    await page.locator('#token').fill('not-a-real-token');
    await page.locator('form.signin button[type=submit]').click();
    await expectText(page.locator('form.signin [role=alert]'), 'That token was not accepted.');

    await page.locator('#token').fill(agentToken);
    await page.locator('form.signin button[type=submit]').click();
    await page.locator('#queue').waitFor();
    await expectText(page.locator('#who'), 'Sara Agent · agent');
    // Only Tehran Vanak's three cases, highest priority first.
    const ids = await queueIds();
    expect(ids).toHaveLength(3);
    const cases = await Promise.all(
      ['u-1', 'u-2', 'u-3'].map((customerId) => caseOf(ladder.url, customerId)),
    );
    const priorities = ids.map((id) => cases.find((item) => item.id === id)!.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    // The store's SLA is 6 s: once it has passed, the queue marks every case overdue.
    await eventually(async () => {
      await page.reload();
      await page.locator('#queue').waitFor();
      expect(await page.locator('tr.case-row .badge.overdue').count()).toBe(3);
    });
    await page.screenshot({ path: join(screenshots, 'queue-en.png'), fullPage: true });
  });

  it('works a case from the queue to resolved with a root cause, and it leaves the open queue', async () => {
    const target = await caseOf(ladder.url, 'u-1');
    await page.locator(`tr.case-row[data-case-id="${target.id}"]`).click();
    await page.locator('#actions').waitFor();
    // The customer's context, their words and the case history.
    await expectText(page.locator('main'), 'چهل دقیقه منتظر ماندم و کسی جواب نداد.');
    await expectText(page.locator('aside'), 'u-1@example.com');
    await expectText(page.locator('ol.history'), 'opened the case');
    await expectText(page.locator('#case-status'), 'Open');
    await page.screenshot({ path: join(screenshots, 'case-en.png'), fullPage: true });

    await page.locator('#claim-form button').click();
    await expectText(page.locator('#case-status'), 'Claimed');
    await page.locator('#contact-result').selectOption('reached');
    await page.locator('#contact-note').fill('Apologised; she waited forty minutes at the till.');
    await page.locator('#contact-form button').click();
    await expectText(page.locator('#case-status'), 'Contacted');
    await page.locator('#root-cause').selectOption('wait-time');
    await page.locator('#action-taken').fill('Opened a second till at rush hour; gave her a voucher.');
    await page.locator('#resolve-form button').click();
    await expectText(page.locator('#case-status'), 'Resolved');
    await expectText(page.locator('main'), 'Waiting time');
    await expectText(page.locator('ol.history'), 'resolved');

    const resolved = await caseOf(ladder.url, 'u-1');
    expect(resolved).toMatchObject<Partial<CaseDto>>({
      status: 'resolved',
      rootCause: 'wait-time',
      resolution: 'Opened a second till at rush hour; gave her a voucher.',
      ownerName: 'Sara Agent',
    });
    expect(resolved.history.map((entry) => [entry.action, entry.actor])).toEqual(
      expect.arrayContaining([
        ['claimed', 'Sara Agent'],
        ['contact', 'Sara Agent'],
        ['resolved', 'Sara Agent'],
      ]),
    );

    await page.locator('a[href="#/queue"]').first().click();
    await page.locator('#queue').waitFor();
    const ids = await queueIds();
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(target.id);
    // It is still there for whoever looks for resolved cases.
    await page.locator('#status').selectOption('resolved');
    await page.locator('form.filters button[type=submit]').click();
    await eventually(async () => expect(await queueIds()).toEqual([target.id]));
  });

  it('shows an empty queue and a missing case as such', async () => {
    await page.goto(`${ladder.url}/ui/#/queue?status=closed`);
    await expectText(page.locator('main .state'), 'No cases here.');
    await page.goto(`${ladder.url}/ui/#/cases/00000000-0000-4000-8000-000000000000`);
    await expectText(
      page.locator('main [role=alert]'),
      'This case does not exist, or it is not in your stores.',
    );
    // Another store's case looks exactly the same.
    const elsewhere = await caseOf(ladder.url, 'u-4');
    await page.goto(`${ladder.url}/ui/#/cases/${elsewhere.id}`);
    await expectText(
      page.locator('main [role=alert]'),
      'This case does not exist, or it is not in your stores.',
    );
  });

  it('speaks Persian right to left, with Persian digits and Solar Hijri dates', async () => {
    await page.goto(`${ladder.url}/ui/#/queue`);
    await page.locator('#queue').waitFor();
    await page.locator('#language').click();
    await expectText(page.locator('h1'), 'صف پیگیری');
    const html = page.locator('html');
    expect([await html.getAttribute('lang'), await html.getAttribute('dir')]).toEqual(['fa', 'rtl']);
    const firstRow = await page.locator('tr.case-row').first().innerText();
    expect(firstRow).toMatch(/[۰-۹]+\/۱۰/);
    expect(firstRow).toMatch(/آذر|دی|بهمن|اسفند|فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان/);
    await page.screenshot({ path: join(screenshots, 'queue-fa.png'), fullPage: true });

    await page.locator('tr.case-row').first().click();
    await page.locator('#actions').waitFor();
    await expectText(page.locator('#actions h2'), 'پیگیری پرونده');
    await page.screenshot({ path: join(screenshots, 'case-fa.png'), fullPage: true });
    // The choice is remembered for the next visit.
    await page.reload();
    await expectText(page.locator('h1'), 'پرونده');
    await page.locator('#language').click();
    process.stdout.write(`operations UI screenshots in ${screenshots}\n`);
  });

  it('keeps the queue board to admins: a browser is sent to sign in, then back to the board', async () => {
    await expectText(page.locator('#who'), 'Sara Agent');
    expect(await page.locator('#queue-board').isHidden()).toBe(true);
    const refused = await page.goto(`${ladder.url}/admin/queues`);
    expect(refused?.status()).toBe(403);

    await page.goto(`${ladder.url}/ui/#/queue`);
    await page.locator('#sign-out').click();
    await page.locator('#token').waitFor();
    await page.goto(`${ladder.url}/admin/queues`);
    await page.locator('#token').waitFor();
    expect(page.url()).toContain('/ui/#/signin?next=');
    await page.locator('#token').fill(TEST_ADMIN_TOKEN);
    await page.locator('form.signin button[type=submit]').click();
    await page.waitForURL(`${ladder.url}/admin/queues`);
    for (const queue of ['follow-up', 'notifications', 'reports']) {
      await expectText(page.locator('body'), queue);
    }
    await page.screenshot({ path: join(screenshots, 'queue-board.png') });
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await eventually(async () => expect(await locator.first().innerText()).toContain(text), {
    timeoutMs: 10_000,
  });
}
