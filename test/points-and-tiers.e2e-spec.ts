import type { CaseDto, CustomerEventMessage, PointsAccountDto, PointsSpendDto } from '#contracts';
import { MailCatcher } from '#local-stack';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  readWholeTopic,
  rewindInputTopics,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import pg from 'pg';
import { caseOf, emailsOf } from './support/feedback.js';
import { startLadder, type RunningLadder } from './support/ladder.js';
import { followJoinLink, invitePromoter } from './support/promoters.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Points and member tiers end to end: a member earns points from purchases (at the store's rule, times their
 * tier's multiplier) and from answering; reaching a tier is an event on customer-events.v1 and a consultation
 * voucher by e-mail; a gold member's detractor case is due within gold's SLA and called first; points become
 * a voucher, which a purchase redeems once; a refund takes back what the purchase earned and gives back the
 * voucher's points; replaying every input topic changes no balance.
 */
describe('points and member tiers', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let database: pg.Client;
  let purchaseNumber = 0;
  const catcher = new MailCatcher();
  const emails = () => catcher.fromInstance(environment.config.queuePrefix);

  beforeAll(async () => {
    environment = await createTestEnvironment('points', {
      LADDER_DIRECTORY: new URL('./fixtures/points-directory.yaml', import.meta.url).pathname,
      LADDER_TIERS: 'silver@100 x1.5, gold@300 x2 sla 4h',
      LADDER_POINTS_MINIMUM_SPEND: '50',
      LADDER_POINTS_VOUCHER_VALID_FOR: '30d',
      // A till may record a purchase dated after a voucher expired; here, weeks ahead of today.
      LADDER_EVENT_MAX_FUTURE: '400d',
    });
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
    database = new pg.Client({ connectionString: environment.config.databaseUrl });
    await database.connect();
  });

  afterAll(async () => {
    await database?.end();
    await ladder?.stop();
    await environment?.cleanup();
  });

  async function join(id: string): Promise<void> {
    const invitation = await invitePromoter(
      environment.config,
      { id, email: `${id}@points.test`, locale: 'en' },
      { eventId: `s-${id}`, storeId: 'online' },
    );
    expect((await followJoinLink(environment.config, invitation)).status).toBe(200);
  }

  async function purchase(customerId: string, amountMinor: number, extra: Record<string, unknown> = {}) {
    purchaseNumber += 1;
    const eventId = `pt-p-${purchaseNumber}`;
    await produce(environment.config, 'purchases', [
      {
        key: customerId,
        value: JSON.stringify({
          eventId,
          occurredAt: new Date().toISOString(),
          customer: { id: customerId },
          storeId: 'online',
          orderId: `o-${eventId}`,
          total: { amountMinor, currency: 'EUR' },
          ...extra,
        }),
      },
    ]);
    await waitUntilSettled(environment.config);
    return eventId;
  }

  async function detractor(customerId: string, eventId: string): Promise<CaseDto> {
    await produce(environment.config, 'surveys', [
      {
        key: customerId,
        value: JSON.stringify({
          eventId,
          occurredAt: new Date().toISOString(),
          customer: { id: customerId, email: `${customerId}@points.test` },
          storeId: 'online',
          score: 3,
          comment: 'The delivery came a week late.',
        }),
      },
    ]);
    await waitUntilSettled(environment.config);
    return eventually(() => caseOf(ladder.url, customerId));
  }

  const account = async (id: string) => {
    const response = await callApi<PointsAccountDto>(ladder.url, `/api/members/${id}/points`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const spend = (id: string, points: number, requestId: string) =>
    callApi<PointsSpendDto & { error?: { code: string } }>(ladder.url, `/api/members/${id}/points/vouchers`, {
      method: 'POST',
      body: { points, requestId },
    });
  const tierEvents = async (customerId: string) =>
    (await readWholeTopic(environment.config, 'customer-events'))
      .map((message) => JSON.parse(message.value!.toString('utf8')) as CustomerEventMessage)
      .filter((event) => event.customerId === customerId && event.type === 'tier-changed');
  const redemption = async (purchaseEventId: string) =>
    (
      await database.query<{ outcome: string; reversed: boolean }>(
        `SELECT outcome, reversed_at IS NOT NULL AS reversed FROM voucher_redemptions WHERE purchase_event_id = $1`,
        [purchaseEventId],
      )
    ).rows[0];
  const ledger = async () =>
    (await database.query('SELECT customer_id, reason, points FROM points_entries ORDER BY reason')).rows;

  it('earns, climbs, serves a gold member first, spends, redeems, refunds and replays', async () => {
    await join('pt-ana');
    await join('pt-ben');
    // The answer that made Ana a promoter came before she joined: it earns nothing.
    expect((await account('pt-ana')).balance).toBe(0);

    // 1 point per 100 cents at the online shop: 80, then 40 reaches silver (100).
    // Cy buys the same as Ana but is no member: the yardstick for her preferred service.
    for (const amount of [8_000, 4_000, 10_000, 2_000]) await purchase('pt-cy', amount);
    await purchase('pt-ana', 8_000);
    expect(await account('pt-ana')).toMatchObject({ balance: 80, tier: null, nextTier: { name: 'silver' } });
    await purchase('pt-ana', 4_000);
    await eventually(async () =>
      expect((await account('pt-ana')).tier).toMatchObject({ name: 'silver', multiplier: 1.5 }),
    );
    // Silver multiplies: 100 × 1.5 = 150 (270), then 20 × 1.5 = 30 reaches gold at 300.
    await purchase('pt-ana', 10_000);
    await purchase('pt-ana', 2_000);
    const gold = await account('pt-ana');
    expect(gold).toMatchObject({ balance: 300, windowPoints: 300, tier: { name: 'gold', slaHours: 4 } });
    expect(gold.nextTier).toBeNull();
    expect(gold.history.map((entry) => entry.points)).toEqual([30, 150, 40, 80]);

    await eventually(async () =>
      expect(
        (await tierEvents('pt-ana')).map((event) => event.type === 'tier-changed' && event.details),
      ).toEqual([
        { from: null, to: 'silver', direction: 'up', windowPoints: 120 },
        { from: 'silver', to: 'gold', direction: 'up', windowPoints: 300 },
      ]),
    );
    // One consultation voucher per tier reached, e-mailed with the tier's benefits.
    const reached = await eventually(async () => {
      const found = emailsOf(await emails(), 'tier-reached', 'pt-ana@points.test');
      expect(found).toHaveLength(2);
      return found;
    });
    const goldMail = reached.find((email) => email.subject.includes('GOLD'))!;
    expect(goldMail.text).toMatch(/CONSULT-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(goldMail.text).toContain('within 4 hours');
    const consultations = await database.query(
      `SELECT reason, amount_minor::int AS amount FROM rewards WHERE customer_id = 'pt-ana' AND kind = 'consultation' ORDER BY reason`,
    );
    expect(consultations.rows).toEqual([
      { reason: 'tier:gold', amount: 4000 },
      { reason: 'tier:silver', amount: 4000 },
    ]);

    // Preferred service: Ana's case is due within gold's 4 hours, and is called before Cy's equal one.
    const anaCase = await detractor('pt-ana', 'pt-s-ana');
    const cyCase = await detractor('pt-cy', 'pt-s-cy');
    const slaOf = (item: CaseDto) => new Date(item.dueAt).getTime() - new Date(item.createdAt).getTime();
    expect(Math.round(slaOf(anaCase) / HOUR)).toBe(4);
    expect(Math.round(slaOf(cyCase) / HOUR)).toBe(48);
    expect(anaCase.priority - cyCase.priority).toBe(16);
    // The answers earn the survey bonus.
    await eventually(async () => expect((await account('pt-ana')).balance).toBe(310));

    // Points become a voucher at 2 cents a point; the same request id answers the same voucher.
    const spent = await spend('pt-ana', 200, 'till-0001-spend');
    expect(spent.status).toBe(200);
    expect(spent.body).toMatchObject({
      balance: 110,
      created: true,
      voucher: { amountMinor: 400, currency: 'EUR' },
    });
    const repeated = await spend('pt-ana', 200, 'till-0001-spend');
    expect(repeated.body).toMatchObject({
      balance: 110,
      created: false,
      voucher: { id: spent.body.voucher.id },
    });
    expect((await spend('pt-ana', 20, 'till-0002-spend')).body).toMatchObject({
      error: { code: 'below-minimum' },
    });
    const tooMuch = await spend('pt-ana', 1_000, 'till-0003-spend');
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ error: { code: 'insufficient-points' } });
    expect((await spend('pt-nobody', 100, 'till-0004-spend')).status).toBe(404);

    // Redeemed once; a second use, Ben's welcome voucher and a purchase after the voucher ran out are refused.
    const code = spent.body.voucher.voucherCode;
    const paid = await purchase('pt-ana', 5_000, { voucherCode: code });
    await eventually(async () => expect(await redemption(paid)).toMatchObject({ outcome: 'redeemed' }));
    // Gold doubles: 50 × 2 = 100.
    await eventually(async () => expect((await account('pt-ana')).balance).toBe(210));
    const secondUse = await purchase('pt-ana', 1_000, { voucherCode: code });
    const [benWelcome] = (
      await database.query<{ code: string }>(
        `SELECT voucher_code AS code FROM rewards WHERE customer_id = 'pt-ben' AND kind = 'welcome'`,
      )
    ).rows;
    const foreign = await purchase('pt-ana', 1_000, { voucherCode: benWelcome!.code });
    const late = await purchase('pt-ben', 1_000, {
      voucherCode: benWelcome!.code,
      occurredAt: new Date(Date.now() + 61 * DAY).toISOString(),
    });
    await eventually(async () => {
      expect(await redemption(secondUse)).toMatchObject({ outcome: 'used' });
      expect(await redemption(foreign)).toMatchObject({ outcome: 'foreign' });
      expect(await redemption(late)).toMatchObject({ outcome: 'expired' });
    });
    // Each of the two refused purchases still earns: 10 × 2 = 20.
    await eventually(async () => expect((await account('pt-ana')).balance).toBe(250));

    // The paid purchase is returned: its 100 points go, the voucher's 200 points come back, the voucher stays used.
    await purchase('pt-ana', 5_000, { refundOf: paid });
    await eventually(async () => expect((await account('pt-ana')).balance).toBe(350));
    const afterRefund = await account('pt-ana');
    expect(
      afterRefund.history
        .slice(0, 2)
        .map((entry) => [entry.kind, entry.points])
        .sort(),
    ).toEqual([
      ['restored', 200],
      ['reversed', -100],
    ]);
    expect(await redemption(paid)).toMatchObject({ outcome: 'redeemed', reversed: false });

    // Replaying every input topic changes no balance and writes no entry.
    const before = await ledger();
    await ladder.stop();
    await rewindInputTopics(environment.config);
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
    expect(await ledger()).toEqual(before);
    expect((await account('pt-ana')).balance).toBe(350);
    expect(await tierEvents('pt-ana')).toHaveLength(2);
  }, 300_000);
});
