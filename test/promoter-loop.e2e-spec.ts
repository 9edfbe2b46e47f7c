import type {
  CustomerDto,
  CustomerEventMessage,
  MemberDetailDto,
  MemberPageDto,
  NotificationDto,
  ReferralDto,
  ReferralPageDto,
} from '#contracts';
import { endOfLocalDay } from '#domain';
import { linksIn, MailCatcher, rawHeader, type CaughtEmail } from '#local-stack';
import { MembershipService, ReferralService } from '#loyalty';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  readWholeTopic,
  topicMessageCount,
  waitUntilSettled,
  type TestEnvironment,
  rewindInputTopics,
} from '#testing';
import { join } from 'node:path';
import { launchChromium, screenshotDirectory } from './support/browser.js';
import { emailsOf, issueToken, languageOf } from './support/feedback.js';
import { followJoinLink, invitePromoter } from './support/promoters.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

const DIRECTORY_FILE = new URL('./fixtures/promoter-directory.yaml', import.meta.url).pathname;
const DAY = 86_400_000;

/**
 * The promoter loop on real Kafka, PostgreSQL, Redis and SMTP: a promoter's answer brings an invitation; its
 * link makes them a member with a welcome voucher; a friend's first purchase with their code converts and,
 * after the (shrunk) cooling-off, pays the referrer. Every fraud rule holds a conversion for review; a replay
 * of every input topic issues nothing twice; an unsubscribed customer hears nothing more.
 */
describe('the promoter loop', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  const catcher = new MailCatcher();
  const emails = () => catcher.fromInstance(environment.config.queuePrefix);
  const started = Date.now();
  const at = (offsetMs: number) => new Date(started + offsetMs).toISOString();
  let purchaseNumber = 0;

  type Buyer = { id: string; email?: string; phone?: string; name?: string };
  type PurchaseOptions = { referralCode?: string; storeId?: string; occurredAt?: string };

  /** Produces purchases in one batch, as a till would; answers their event ids. */
  async function purchases(items: Array<[Buyer, PurchaseOptions?]>): Promise<string[]> {
    const messages = items.map(([customer, options = {}]) => {
      purchaseNumber += 1;
      const eventId = `pl-p-${purchaseNumber}`;
      return {
        eventId,
        key: customer.id,
        value: JSON.stringify({
          eventId,
          occurredAt: options.occurredAt ?? new Date().toISOString(),
          customer,
          storeId: options.storeId ?? 'online',
          orderId: `o-${purchaseNumber}`,
          total: { amountMinor: 4_990, currency: 'EUR' },
          ...(options.referralCode ? { referralCode: options.referralCode } : {}),
        }),
      };
    });
    await produce(
      environment.config,
      'purchases',
      messages.map(({ key, value }) => ({ key, value })),
    );
    return messages.map((message) => message.eventId);
  }

  const purchase = async (customer: Buyer, options: PurchaseOptions = {}) =>
    (await purchases([[customer, options]]))[0]!;

  async function answer(
    customer: { id: string; email?: string; phone?: string; name?: string; locale?: string },
    score: number,
    options: { eventId: string; consent?: boolean; storeId?: string; occurredAt?: string },
  ): Promise<void> {
    await produce(environment.config, 'surveys', [
      {
        key: customer.id,
        value: JSON.stringify({
          eventId: options.eventId,
          occurredAt: options.occurredAt ?? new Date().toISOString(),
          customer,
          storeId: options.storeId ?? 'online',
          score,
          ...(options.consent === undefined ? {} : { consent: { marketing: options.consent } }),
        }),
      },
    ]);
  }

  /** A promoter with consent, answered now, and the invitation e-mail that answer brings. */
  async function invitedPromoter(
    customer: { id: string; email: string; phone?: string; name?: string; locale?: string },
    storeId = 'online',
  ): Promise<{ invitation: CaughtEmail; code: string }> {
    const invitation = await invitePromoter(environment.config, customer, {
      eventId: `pl-s-${customer.id}`,
      storeId,
    });
    const profile = await callApi<CustomerDto>(ladder.url, `/api/customers/${customer.id}`);
    return { invitation, code: profile.body.loyaltyClub!.referralCode };
  }

  const follow = (invitation: CaughtEmail) => followJoinLink(environment.config, invitation);

  const referralsOf = async (referrerId: string) =>
    (await callApi<ReferralPageDto>(ladder.url, `/api/referrals?referrerId=${referrerId}`)).body.items;
  const ledgerOf = async (customerId: string) =>
    (await callApi<MemberDetailDto>(ladder.url, `/api/members/${customerId}`)).body.ledger;
  const customerEvents = async (customerId: string, type: CustomerEventMessage['type']) =>
    (await readWholeTopic(environment.config, 'customer-events'))
      .map((message) => JSON.parse(message.value!.toString('utf8')) as CustomerEventMessage)
      .filter((event) => event.customerId === customerId && event.type === type);

  beforeAll(async () => {
    environment = await createTestEnvironment('promoters', {
      LADDER_DIRECTORY: DIRECTORY_FILE,
      LADDER_REFERRAL_COOLING_OFF: '6s',
      LADDER_REFERRAL_BURST: '2/1h',
      LADDER_REFERRAL_CAP: '1/30d',
    });
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  const sara = { id: 'pl-sara', email: 'sara@example.com', name: 'Sara', phone: '+98 912 000 1111' };
  const omid = { id: 'pl-omid', email: 'omid@example.com', name: 'Omid' };

  it('invites a promoter, makes them a member with a welcome voucher through the link, once', async () => {
    // A Client: two purchases, a 9 (an Advocate), then a 4 that drops her back to Client.
    await purchase(sara, { occurredAt: at(-3 * DAY) });
    await purchase(sara, { occurredAt: at(-DAY) });
    await answer(sara, 9, { eventId: 'pl-s-sara-9', consent: true, occurredAt: at(-DAY + 3_600_000) });
    await answer(sara, 4, { eventId: 'pl-s-sara-4', occurredAt: at(-60_000) });
    const invitation = await eventually(async () => {
      const [found] = emailsOf(await emails(), 'loyalty-invitation', sara.email);
      expect(found).toBeDefined();
      return found!;
    });
    expect(languageOf(invitation)).toEqual({ lang: 'en', dir: 'ltr' });
    const profile = await eventually(async () => {
      const current = (await callApi<CustomerDto>(ladder.url, `/api/customers/${sara.id}`)).body;
      expect(current.stage).toBe('client');
      return current;
    });
    expect(profile.loyaltyClub).toEqual(expect.objectContaining({ joinedAt: null }));
    const code = profile.loyaltyClub!.referralCode;
    expect(invitation.text).toContain(code);
    // Every customer e-mail can be left with one click, from the body or from the mail client.
    expect(linksIn(invitation, `${environment.config.publicUrl}/u/`)).toHaveLength(1);
    const source = await catcher.source(invitation.id);
    expect(rawHeader(source, 'List-Unsubscribe')).toBe(
      `<${linksIn(invitation, `${environment.config.publicUrl}/u/`)[0]}>`,
    );
    expect(rawHeader(source, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // Opening the link (as a mail scanner prefetching it would) asks, and joins no one.
    const link = linksIn(invitation, `${environment.config.publicUrl}/join/`)[0]!;
    for (let fetched = 0; fetched < 3; fetched += 1) {
      const opened = await fetch(link);
      expect(opened.status).toBe(200);
      const page = await opened.text();
      expect(page).toContain('Join the club');
      expect(page).toContain(`<form method="post" action="${new URL(link).pathname}"`);
    }
    expect((await callApi<MemberPageDto>(ladder.url, '/api/members?storeId=online')).body.items).toEqual([]);
    expect((await callApi(ladder.url, `/api/members/${sara.id}`)).status).toBe(404);

    const first = await follow(invitation);
    expect(first.status).toBe(200);
    expect(first.html).toContain('lang="en"');
    expect(first.html).toContain('You are now a member');
    expect(first.html).toContain(code);

    const members = await callApi<MemberPageDto>(ladder.url, '/api/members?storeId=online');
    expect(members.body.items).toEqual([
      expect.objectContaining({
        customerId: sara.id,
        storeId: 'online',
        referralCode: code,
        shareUrl: `${environment.config.publicUrl}/refer/${code}`,
        rewards: 1,
      }),
    ]);
    // The online shop's own welcome reward: 15 euros for 60 days.
    const [welcome] = await ledgerOf(sara.id);
    expect(welcome).toEqual(
      expect.objectContaining({ kind: 'welcome', amountMinor: 1500, currency: 'EUR', referralId: null }),
    );
    expect(welcome!.voucherCode).toMatch(/^WELCOME-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // Valid through the whole 60th day in the store's time zone.
    expect(welcome!.expiresAt).toBe(
      endOfLocalDay(new Date(new Date(welcome!.issuedAt).getTime() + 60 * DAY), 'Asia/Tehran').toISOString(),
    );
    expect(first.html).toContain(welcome!.voucherCode);
    expect(first.html).toContain('€15.00');

    // A second click shows the same membership and voucher, and issues nothing.
    const second = await follow(invitation);
    expect(second.status).toBe(200);
    expect(second.html).toContain('already a member');
    expect(second.html).toContain(welcome!.voucherCode);
    expect(await ledgerOf(sara.id)).toHaveLength(1);

    const welcomeEmail = await eventually(async () => {
      const found = emailsOf(await emails(), 'loyalty-welcome', sara.email);
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(welcomeEmail.text).toContain(welcome!.voucherCode);
    expect(welcomeEmail.text).toContain(`${environment.config.publicUrl}/refer/${code}`);
    expect(linksIn(welcomeEmail, `${environment.config.publicUrl}/u/`)).toHaveLength(1);

    // The share link shows a friend the store and the code.
    const share = await fetch(`${environment.config.publicUrl}/refer/${code}`);
    expect(share.status).toBe(200);
    expect(await share.text()).toContain(code);

    await waitUntilSettled(environment.config);
    expect(await customerEvents(sara.id, 'loyalty-joined')).toHaveLength(1);
    expect(await customerEvents(sara.id, 'reward-issued')).toHaveLength(1);
  });

  it('refuses links that were tampered with', async () => {
    const forged = await fetch(
      `${environment.config.publicUrl}/join/WyJqb2luIiwicGwtc2FyYSIsOTk5OTk5OTk5OV0.forged`,
    );
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('This link is not valid');
    expect((await fetch(`${environment.config.publicUrl}/u/nothing.here`)).status).toBe(404);
    expect((await fetch(`${environment.config.publicUrl}/refer/NOBODY-0000`)).status).toBe(404);
  });

  it("converts a friend's first purchase with the code and, after the cooling-off, pays the referrer", async () => {
    const profile = (await callApi<CustomerDto>(ladder.url, `/api/customers/${sara.id}`)).body;
    const code = profile.loyaltyClub!.referralCode;
    // As a till may send it: lower case, with spaces around.
    const purchaseEventId = await purchase(omid, { referralCode: ` ${code.toLowerCase()} ` });
    const [cooling] = await eventually(async () => {
      const referrals = await referralsOf(sara.id);
      expect(referrals).toHaveLength(1);
      return referrals;
    });
    expect(cooling).toEqual(
      expect.objectContaining({
        refereeId: omid.id,
        code,
        purchaseEventId,
        flags: [],
        storeId: 'online',
      }),
    );
    expect(['cooling-off', 'rewarded']).toContain(cooling!.status);
    // Paid no sooner than the cooling-off after the purchase.
    expect(
      new Date(cooling!.settleAt).getTime() - new Date(cooling!.convertedAt).getTime(),
    ).toBeGreaterThanOrEqual(6_000);

    const rewardEmail = await eventually(
      async () => {
        const found = emailsOf(await emails(), 'referral-reward', sara.email);
        expect(found).toHaveLength(1);
        return found[0]!;
      },
      { timeoutMs: 30_000 },
    );
    const [paid] = await referralsOf(sara.id);
    expect(paid).toEqual(expect.objectContaining({ status: 'rewarded', decidedBy: 'ladder' }));
    // Not before the cooling-off ended.
    expect(new Date(paid!.decidedAt!).getTime()).toBeGreaterThanOrEqual(new Date(paid!.settleAt).getTime());
    const ledger = await ledgerOf(sara.id);
    const reward = ledger.find((item) => item.kind === 'referral');
    expect(reward).toEqual(
      expect.objectContaining({ amountMinor: 2500, currency: 'EUR', referralId: paid!.id }),
    );
    expect(rewardEmail.text).toContain(reward!.voucherCode);
    expect(rewardEmail.text).toContain('€25.00');

    // Bringing a friend lifts the Client back to Advocate, once, on customer-events.v1 too.
    await eventually(async () => {
      const after = (await callApi<CustomerDto>(ladder.url, `/api/customers/${sara.id}`)).body;
      expect(after.stage).toBe('advocate');
      expect(after.history).toContainEqual(
        expect.objectContaining({
          type: 'stage-changed',
          from: 'client',
          to: 'advocate',
          reason: 'referral-converted',
        }),
      );
    });
    await waitUntilSettled(environment.config);
    expect(await customerEvents(sara.id, 'referral-converted')).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ refereeId: omid.id, referralId: paid!.id }),
      }),
    ]);
    expect(
      (await customerEvents(sara.id, 'stage-changed')).filter(
        (event) => event.type === 'stage-changed' && event.reason === 'referral-converted',
      ),
    ).toHaveLength(1);
  });

  it('holds a conversion for review, and pays nothing, for every fraud rule', async () => {
    const saraCode = (await callApi<CustomerDto>(ladder.url, `/api/customers/${sara.id}`)).body.loyaltyClub!
      .referralCode;
    const reza = { id: 'pl-reza', email: 'reza@example.com', name: 'Reza', phone: '0912 333 4444' };
    const nima = { id: 'pl-nima', email: 'nima@example.com', name: 'Nima' };
    const leila = { id: 'pl-leila', email: 'leila@example.com', name: 'Leila' };
    const mina = { id: 'pl-mina', email: 'mina@example.com', name: 'Mina' };
    const invited = await Promise.all([reza, nima, leila, mina].map((customer) => invitedPromoter(customer)));
    // Everyone but Mina joins.
    for (const { invitation } of invited.slice(0, 3)) expect((await follow(invitation)).status).toBe(200);
    const [rezaCode, nimaCode, leilaCode, minaCode] = invited.map((item) => item.code);

    // Self-referral: a "new" customer with Reza's phone number, in Persian digits.
    // An existing customer: bought a week ago, now buys again with Nima's code.
    const returning = { id: 'pl-returning', email: 'returning@example.com' };
    await purchase(returning, { occurredAt: at(-7 * DAY) });
    await eventually(async () =>
      expect((await callApi(ladder.url, `/api/customers/${returning.id}`)).status).toBe(200),
    );
    await purchases([
      [{ id: 'pl-reza-2', email: 'r2@example.com', phone: '۰۹۱۲ ۳۳۳ ۴۴۴۴' }, { referralCode: rezaCode }],
      [returning, { referralCode: nimaCode }],
      // A burst: three new customers on Leila's code within the hour (the limit is two).
      ...['pl-f1', 'pl-f2', 'pl-f3'].map((friend): [Buyer, PurchaseOptions] => [
        { id: friend, email: `${friend}@example.com` },
        { referralCode: leilaCode },
      ]),
      // Over the cap: Sara was already paid once this month (the cap is one).
      [{ id: 'pl-ali', email: 'ali@example.com' }, { referralCode: saraCode }],
      // Mina never joined the club: her code works, but nobody is paid until a person decides.
      [{ id: 'pl-mina-friend', email: 'mf@example.com' }, { referralCode: minaCode }],
    ]);

    const expected: Record<string, string[]> = {
      'pl-reza-2': ['self-referral'],
      'pl-returning': ['existing-customer'],
      'pl-f1': ['burst'],
      'pl-f2': ['burst'],
      'pl-f3': ['burst'],
      'pl-ali': ['over-cap'],
      'pl-mina-friend': ['not-a-member'],
    };
    // After the cooling-off, every one of them is in the review list with its reason.
    const review = await eventually(
      async () => {
        const items = (await callApi<ReferralPageDto>(ladder.url, '/api/referrals?status=review&limit=100'))
          .body.items;
        expect(Object.fromEntries(items.map((item) => [item.refereeId, item.flags]))).toEqual(expected);
        return items;
      },
      { timeoutMs: 30_000 },
    );
    await waitUntilSettled(environment.config);
    for (const referrer of [reza, nima, leila]) {
      expect((await ledgerOf(referrer.id)).map((item) => item.kind)).toEqual(['welcome']);
    }
    expect((await ledgerOf(sara.id)).filter((item) => item.kind === 'referral')).toHaveLength(1);
    expect((await callApi(ladder.url, `/api/members/${mina.id}`)).status).toBe(404);
    expect(emailsOf(await emails(), 'referral-reward')).toHaveLength(1);

    // A manager decides: the over-cap one is approved and paid, the self-referral rejected for good.
    const manager = await issueToken(ladder.url, {
      name: 'Sam (online)',
      role: 'manager',
      storeIds: ['online'],
    });
    const agent = await issueToken(ladder.url, { name: 'Kim (online)', role: 'agent', storeIds: ['online'] });
    const overCap = review.find((item) => item.refereeId === 'pl-ali')!;
    const selfReferral = review.find((item) => item.refereeId === 'pl-reza-2')!;
    const refused = await callApi(ladder.url, `/api/referrals/${overCap.id}/approve`, {
      method: 'POST',
      token: agent,
      body: {},
    });
    expect(refused.status).toBe(403);
    const approved = await callApi<ReferralDto>(ladder.url, `/api/referrals/${overCap.id}/approve`, {
      method: 'POST',
      token: manager,
      body: { note: 'Sara brought two colleagues; fine by us.' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual(
      expect.objectContaining({ status: 'rewarded', decidedBy: 'Sam (online)', flags: ['over-cap'] }),
    );
    const rejected = await callApi<ReferralDto>(ladder.url, `/api/referrals/${selfReferral.id}/reject`, {
      method: 'POST',
      token: manager,
      body: { reason: 'Same phone as the referrer.' },
    });
    expect(rejected.body).toEqual(
      expect.objectContaining({ status: 'rejected', decisionNote: 'Same phone as the referrer.' }),
    );
    const again = await callApi<{ error: { code: string } }>(
      ladder.url,
      `/api/referrals/${selfReferral.id}/approve`,
      {
        method: 'POST',
        token: manager,
        body: {},
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid-transition');
    const missingReason = await callApi<{ error: { code: string } }>(
      ladder.url,
      `/api/referrals/${overCap.id}/reject`,
      { method: 'POST', token: manager, body: {} },
    );
    expect(missingReason.status).toBe(400);

    await eventually(async () =>
      expect(emailsOf(await emails(), 'referral-reward', sara.email)).toHaveLength(2),
    );
    await waitUntilSettled(environment.config);
    expect((await ledgerOf(reza.id)).map((item) => item.kind)).toEqual(['welcome']);
    expect((await ledgerOf(sara.id)).filter((item) => item.kind === 'referral')).toHaveLength(2);
  });

  it('sends an unsubscribed customer nothing further, and its page says so', async () => {
    const una = { id: 'pl-una', email: 'una@example.com', name: 'Una', locale: 'fa-IR' };
    const { invitation } = await invitedPromoter(una, 'tehran-01');
    expect(languageOf(invitation)).toEqual({ lang: 'fa', dir: 'rtl' });
    const [unsubscribeLink] = linksIn(invitation, `${environment.config.publicUrl}/u/`);
    // Opening the link (as a mail scanner would) only asks.
    const ask = await fetch(unsubscribeLink!);
    expect(ask.status).toBe(200);
    const askPage = await ask.text();
    expect(askPage).toContain('dir="rtl"');
    expect(askPage).toContain('<form method="post"');
    expect((await callApi<CustomerDto>(ladder.url, `/api/customers/${una.id}`)).body.contactBudget).toEqual(
      expect.objectContaining({ unsubscribed: false }),
    );
    // The mail client's one-click unsubscribe (RFC 8058).
    const done = await fetch(unsubscribeLink!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('اشتراک شما لغو شد');
    const later = await (await fetch(unsubscribeLink!)).text();
    expect(later).toContain('data-state="already-unsubscribed"');
    const unsubscribedAt = Date.now();

    // She still joins (her click), and a friend of hers buys with her code: the ledger has both rewards,
    // but neither e-mail is sent.
    expect((await follow(invitation)).status).toBe(200);
    const code = (await callApi<CustomerDto>(ladder.url, `/api/customers/${una.id}`)).body.loyaltyClub!
      .referralCode;
    await purchase(
      { id: 'pl-una-friend', email: 'uf@example.com' },
      { referralCode: code, storeId: 'tehran-01' },
    );
    await eventually(
      async () =>
        expect((await ledgerOf(una.id)).map((item) => item.kind).sort()).toEqual(['referral', 'welcome']),
      { timeoutMs: 30_000 },
    );
    await waitUntilSettled(environment.config);
    const toUna = (await emails()).filter((email) => email.to[0]?.address === una.email);
    expect(toUna.map((email) => email.headers['x-ladder-notification'])).toEqual(['loyalty-invitation']);
    expect(toUna.every((email) => new Date(email.time).getTime() < unsubscribedAt)).toBe(true);
    const suppressed = await callApi<{ items: NotificationDto[] }>(
      ladder.url,
      '/api/notifications?status=suppressed',
    );
    expect(suppressed.body.items.map((item) => item.kind).sort()).toEqual([
      'loyalty-welcome',
      'referral-reward',
    ]);
    expect(await customerEvents(una.id, 'unsubscribed')).toHaveLength(1);
  });

  it('shows the customer pages in a real browser, in Persian and in English', async () => {
    const parisa = { id: 'pl-parisa', email: 'parisa@example.com', name: 'پریسا', locale: 'fa-IR' };
    const { invitation, code } = await invitedPromoter(parisa, 'tehran-01');
    const saraInvitation = emailsOf(await emails(), 'loyalty-invitation', sara.email)[0]!;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));

      await page.goto(linksIn(invitation, `${environment.config.publicUrl}/join/`)[0]!);
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      await page.screenshot({ path: join(screenshotDirectory(), 'join-ask-fa.png'), fullPage: true });
      await page.locator('button[type="submit"]').click();
      await page.locator('[data-state="joined"]').waitFor();
      await expect(page.locator('[role="status"]').textContent()).resolves.toContain('خوش آمدید');
      const facts = await page.locator('.facts').innerText();
      expect(facts).toContain(code);
      // The voucher's value and dates in Persian digits; Tehran Vanak uses Ladder's default reward.
      expect(facts).toMatch(/[۰-۹]/);
      expect(facts).toContain('WELCOME-');
      await page.screenshot({ path: join(screenshotDirectory(), 'join-fa.png'), fullPage: true });

      await page.goto(linksIn(saraInvitation, `${environment.config.publicUrl}/join/`)[0]!);
      expect(await page.getAttribute('html', 'dir')).toBe('ltr');
      await expect(page.locator('[role="status"]').textContent()).resolves.toContain('already a member');
      await page.screenshot({ path: join(screenshotDirectory(), 'join-en.png'), fullPage: true });

      // Unsubscribing from the page: one button, then the answer.
      await page.goto(linksIn(invitation, `${environment.config.publicUrl}/u/`)[0]!);
      await page.screenshot({ path: join(screenshotDirectory(), 'unsubscribe-fa.png'), fullPage: true });
      await page.locator('button[type="submit"]').click();
      await page.locator('[data-state="unsubscribed"]').waitFor();
      expect(await page.locator('[role="status"]').textContent()).toContain(
        'دیگر ایمیلی از ما دریافت نمی‌کنید',
      );

      await page.goto(`${environment.config.publicUrl}/refer/${code}`);
      expect(await page.locator('.code').textContent()).toBe(code);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
    const profile = (await callApi<CustomerDto>(ladder.url, `/api/customers/${parisa.id}`)).body;
    expect(profile.contactBudget.unsubscribed).toBe(true);
    expect(profile.loyaltyClub?.joinedAt).not.toBeNull();
  });

  it('issues no second invitation, membership, voucher or reward when every input topic is replayed', async () => {
    await waitUntilSettled(environment.config);
    const snapshot = async () => ({
      emails: (await emails()).length,
      members: (await callApi<MemberPageDto>(ladder.url, '/api/members?limit=100')).body.items.map(
        (member) => [member.customerId, member.rewards, member.referrals],
      ),
      referrals: (await callApi<ReferralPageDto>(ladder.url, '/api/referrals?limit=100')).body.items.map(
        (item) => [item.id, item.status],
      ),
      ledger: await ledgerOf(sara.id),
      customerEvents: await topicMessageCount(environment.config, 'customer-events'),
    });
    const before = await snapshot();
    expect(before.members).toHaveLength(6);
    await ladder.stop();
    await rewindInputTopics(environment.config);
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
    expect(await snapshot()).toEqual(before);

    // Redelivered jobs and repeated clicks (what a replay never reaches, since scoring drops repeated
    // events first): every conversion recorded and settled again, every member joining again.
    const referrals = ladder.app.get(ReferralService);
    const membership = ladder.app.get(MembershipService);
    const all = (await callApi<ReferralPageDto>(ladder.url, '/api/referrals?limit=100')).body.items;
    for (const referral of all) {
      expect(['already-referred']).toContain((await referrals.record(referral.purchaseEventId)).outcome);
      expect((await referrals.settle(referral.id)).outcome).toBe('already-settled');
    }
    for (const [customerId] of before.members) {
      expect((await membership.join(customerId as string)).outcome).toBe('already-member');
    }
    await waitUntilSettled(environment.config);
    expect(await snapshot()).toEqual(before);
  });
});
