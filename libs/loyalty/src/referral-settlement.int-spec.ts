import { jobId } from '#contracts';
import { DirectoryService } from '#directory';
import { JobQueueService } from '#queues';
import {
  type TestEnvironment,
  createTestEnvironment,
  createTopics,
  startLibrary,
  storeCustomer,
  storePurchase,
} from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoyaltyModule } from './loyalty.module.js';
import { ReferralService } from './referral.service.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const EVERY_STORE = { kind: 'all' } as const;
const MANAGER = { name: 'Neda Karimi' };

describe('recording and settling referrals against PostgreSQL, Redis and Kafka', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let referrals: ReferralService;
  let database: DataSource;
  let coolingOffMs: number;

  const rows = (sql: string, parameters: unknown[] = []) => database.query(sql, parameters);
  const referralRow = async (referralId: string) =>
    (await rows('SELECT status, flags, settle_at, decided_by FROM referrals WHERE id = $1', [referralId]))[0];
  const rewardsOf = (customerId: string) =>
    rows('SELECT reason, kind, amount_minor, currency, referral_id FROM rewards WHERE customer_id = $1', [
      customerId,
    ]);
  const rewardEmailsOf = (referralId: string) =>
    rows(`SELECT recipient_email FROM notifications WHERE key = $1`, [`referral-reward:${referralId}`]);
  const rewardEventsOf = (referralId: string) =>
    rows(
      `SELECT message_key, payload FROM outbox
        WHERE kind = 'kafka' AND destination = 'customer-events' AND payload->>'type' = 'reward-issued'
          AND payload->'details'->>'referralId' = $1`,
      [referralId],
    );
  const settleTimer = (referralId: string) =>
    module.get(JobQueueService).queue('loyalty').getJob(jobId('settle-referral', referralId));

  let people = 0;
  /** A promoter who was invited and joined the club: their code is theirs to share. */
  async function member(): Promise<{ customerId: string; email: string; code: string }> {
    people += 1;
    const referrer = {
      customerId: `m-${people}`,
      email: `member${people}@example.com`,
      code: `SARA-${people}Q2K`,
    };
    await storeCustomer(database, { id: referrer.customerId, email: referrer.email, name: 'Sara' });
    await rows(
      `INSERT INTO loyalty_invitations (customer_id, store_id, survey_event_id, referral_code) VALUES ($1, 'vanak', $2, $3)`,
      [referrer.customerId, `s-${people}`, referrer.code],
    );
    await rows(
      `INSERT INTO loyalty_members (customer_id, store_id, referral_code) VALUES ($1, 'vanak', $2)`,
      [referrer.customerId, referrer.code],
    );
    return referrer;
  }

  /** A new customer's first purchase, carrying the code as a friend would type it at the till. */
  async function friendBuys(
    code: string | null,
    { email, occurredAt = new Date(Date.now() - MINUTE) }: { email?: string; occurredAt?: Date } = {},
  ): Promise<{ purchaseEventId: string; occurredAt: Date }> {
    people += 1;
    const friendId = `f-${people}`;
    await storeCustomer(database, {
      id: friendId,
      email: email ?? `friend${people}@example.com`,
      name: 'Omid',
    });
    const purchaseEventId = `p-${people}`;
    await storePurchase(database, {
      eventId: purchaseEventId,
      customerId: friendId,
      storeId: 'vanak',
      occurredAt,
      referralCode: code === null ? null : ` ${code.toLowerCase()} `,
    });
    return { purchaseEventId, occurredAt };
  }

  async function recorded(purchaseEventId: string): Promise<string> {
    const result = await referrals.record(purchaseEventId);
    if (!('referralId' in result)) throw new Error(`expected a referral, got ${result.outcome}`);
    return result.referralId;
  }

  beforeAll(async () => {
    environment = await createTestEnvironment('referrals');
    // Paying publishes reward-issued to customer-events: the outbox needs the environment's topics.
    await createTopics(environment.config);
    module = await startLibrary(environment.config, LoyaltyModule);
    referrals = module.get(ReferralService);
    database = module.get(DataSource);
    coolingOffMs = environment.config.loyalty.coolingOffMs;
    await module.get(DirectoryService).importDirectory({
      regions: [
        { id: 'tehran', name: 'Tehran', manager: { name: 'Reza Ahmadi', email: 'reza@example.com' } },
      ],
      stores: [
        {
          id: 'vanak',
          name: 'Tehran Vanak',
          regionId: 'tehran',
          timezone: 'Asia/Tehran',
          locale: 'en',
          manager: { name: MANAGER.name, email: 'neda@example.com' },
        },
      ],
      employees: [],
    });
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  it("records a friend's first purchase with a member's code as cooling off, with a timer for its end", async () => {
    const referrer = await member();
    const { purchaseEventId, occurredAt } = await friendBuys(referrer.code);

    const result = await referrals.record(purchaseEventId);

    expect(result).toEqual({ outcome: 'cooling-off', referralId: expect.any(String), flags: [] });
    const referralId = (result as { referralId: string }).referralId;
    const settleAt = occurredAt.getTime() + coolingOffMs;
    expect(await referralRow(referralId)).toMatchObject({
      status: 'cooling-off',
      settle_at: new Date(settleAt),
    });
    const timer = await settleTimer(referralId);
    expect(timer?.data).toEqual({ referralId });
    expect(await timer?.getState()).toBe('delayed');
    expect(Math.abs(timer!.timestamp + timer!.delay - settleAt)).toBeLessThan(1_000);
    expect(await rewardsOf(referrer.customerId)).toHaveLength(0);

    // The purchase delivered again records nothing more.
    await expect(referrals.record(purchaseEventId)).resolves.toEqual({ outcome: 'already-referred' });
    expect(await rows('SELECT id FROM referrals WHERE referrer_id = $1', [referrer.customerId])).toEqual([
      { id: referralId },
    ]);
  });

  it('records no referral for a purchase without a code, with a code Ladder never gave, or never stored', async () => {
    const plain = await friendBuys(null);
    const unknown = await friendBuys('NOBODY-0000');

    await expect(referrals.record(plain.purchaseEventId)).resolves.toEqual({ outcome: 'no-code' });
    await expect(referrals.record(unknown.purchaseEventId)).resolves.toEqual({ outcome: 'unknown-code' });
    await expect(referrals.record('p-never-stored')).resolves.toEqual({ outcome: 'missing-purchase' });
    expect(
      await rows('SELECT 1 FROM referrals WHERE purchase_event_id = ANY($1::text[])', [
        [plain.purchaseEventId, unknown.purchaseEventId, 'p-never-stored'],
      ]),
    ).toHaveLength(0);
  });

  it('pays exactly one referral reward once the cooling-off is over, and never before', async () => {
    const referrer = await member();
    const { purchaseEventId, occurredAt } = await friendBuys(referrer.code);
    const referralId = await recorded(purchaseEventId);
    const settleAt = occurredAt.getTime() + coolingOffMs;

    // A timer promoted early (by hand, a clock ahead) pays nothing.
    await expect(referrals.settle(referralId, new Date(settleAt - MINUTE))).resolves.toEqual({
      outcome: 'not-due',
      settleAt: new Date(settleAt),
    });
    expect(await rewardsOf(referrer.customerId)).toHaveLength(0);
    expect(await rewardEmailsOf(referralId)).toHaveLength(0);

    const afterCoolingOff = new Date(settleAt + MINUTE);
    const settled = await referrals.settle(referralId, afterCoolingOff);

    expect(settled).toEqual({ outcome: 'rewarded', rewardId: expect.any(String) });
    const { referralReward } = environment.config.loyalty;
    expect(await rewardsOf(referrer.customerId)).toEqual([
      {
        reason: `referral:${referralId}`,
        kind: 'referral',
        amount_minor: String(referralReward.amountMinor),
        currency: referralReward.currency,
        referral_id: referralId,
      },
    ]);
    expect(await rewardEmailsOf(referralId)).toEqual([{ recipient_email: referrer.email }]);
    expect(await rewardEventsOf(referralId)).toEqual([
      {
        message_key: referrer.customerId,
        payload: expect.objectContaining({
          customerId: referrer.customerId,
          details: expect.objectContaining({
            referralId,
            rewardId: (settled as { rewardId: string }).rewardId,
          }),
        }),
      },
    ]);
    expect(await referralRow(referralId)).toMatchObject({ status: 'rewarded', decided_by: 'ladder' });
    // The member referrer earns the referral bonus in points too, once.
    const bonus = () =>
      rows(`SELECT kind, points FROM points_entries WHERE customer_id = $1`, [referrer.customerId]);
    expect(await bonus()).toEqual([
      { kind: 'referral', points: environment.config.loyalty.points.referralBonus },
    ]);

    // The timer delivered again pays nothing more.
    await expect(referrals.settle(referralId, afterCoolingOff)).resolves.toEqual({
      outcome: 'already-settled',
    });
    expect(await rewardsOf(referrer.customerId)).toHaveLength(1);
    expect(await rewardEmailsOf(referralId)).toHaveLength(1);
    expect(await rewardEventsOf(referralId)).toHaveLength(1);
    expect(await bonus()).toHaveLength(1);
  });

  it('holds a self-referral (the same mailbox) for review and pays nothing on its own', async () => {
    const referrer = await member();
    const { purchaseEventId, occurredAt } = await friendBuys(referrer.code, {
      email: referrer.email.replace('@', '+again@').toUpperCase(),
    });

    const result = await referrals.record(purchaseEventId);

    expect(result).toEqual({ outcome: 'review', referralId: expect.any(String), flags: ['self-referral'] });
    const referralId = (result as { referralId: string }).referralId;
    expect(await referralRow(referralId)).toMatchObject({ status: 'review', flags: ['self-referral'] });
    expect(await settleTimer(referralId)).toBeUndefined();
    await expect(
      referrals.settle(referralId, new Date(occurredAt.getTime() + coolingOffMs + MINUTE)),
    ).resolves.toEqual({ outcome: 'already-settled' });
    expect(await rewardsOf(referrer.customerId)).toHaveLength(0);
    expect(await rewardEmailsOf(referralId)).toHaveLength(0);
  });

  it("pays a held referral once when a manager approves it, and only within the manager's stores", async () => {
    const referrer = await member();
    const { purchaseEventId } = await friendBuys(referrer.code, { email: referrer.email });
    const referralId = await recorded(purchaseEventId);

    await expect(
      referrals.approve(referralId, MANAGER, null, { kind: 'stores', storeIds: ['tajrish'] }),
    ).resolves.toEqual({ outcome: 'not-found' });
    expect(await rewardsOf(referrer.customerId)).toHaveLength(0);

    const approved = await referrals.approve(referralId, MANAGER, 'Sisters, same family inbox', EVERY_STORE);

    expect(approved).toMatchObject({
      outcome: 'decided',
      referral: { status: 'rewarded', flags: ['self-referral'], decidedBy: MANAGER.name },
    });
    expect(await rewardsOf(referrer.customerId)).toEqual([
      expect.objectContaining({ reason: `referral:${referralId}`, referral_id: referralId }),
    ]);
    expect(await rewardEmailsOf(referralId)).toEqual([{ recipient_email: referrer.email }]);
    expect(await rewardEventsOf(referralId)).toHaveLength(1);

    // A second click on Approve pays nothing more.
    await expect(referrals.approve(referralId, MANAGER, null, EVERY_STORE)).resolves.toEqual({
      outcome: 'not-in-review',
      status: 'rewarded',
    });
    expect(await rewardsOf(referrer.customerId)).toHaveLength(1);
    expect(await rewardEmailsOf(referralId)).toHaveLength(1);
  });

  it('never pays a rejected referral, held or still cooling off', async () => {
    const referrer = await member();
    const held = await recorded((await friendBuys(referrer.code, { email: referrer.email })).purchaseEventId);
    const coolingOff = await friendBuys(referrer.code);
    const cooling = await recorded(coolingOff.purchaseEventId);

    for (const referralId of [held, cooling]) {
      await expect(
        referrals.reject(referralId, MANAGER, 'Staff testing the till', EVERY_STORE),
      ).resolves.toMatchObject({
        outcome: 'decided',
        referral: { status: 'rejected', decidedBy: MANAGER.name },
      });
    }
    // The cooling-off timer still fires, and a manager changes their mind: neither pays.
    const later = new Date(coolingOff.occurredAt.getTime() + coolingOffMs + MINUTE);
    await expect(referrals.settle(cooling, later)).resolves.toEqual({ outcome: 'already-settled' });
    await expect(referrals.approve(held, MANAGER, null, EVERY_STORE)).resolves.toEqual({
      outcome: 'not-in-review',
      status: 'rejected',
    });
    expect(await rewardsOf(referrer.customerId)).toHaveLength(0);
    expect(await rewardEmailsOf(held)).toHaveLength(0);
    expect(await rewardEmailsOf(cooling)).toHaveLength(0);
  });

  it('settles once a conversion whose timer was lost, even when two sweeps run at once', async () => {
    const referrer = await member();
    // The friend bought long ago: the cooling-off ended while the timer was lost with Redis.
    const { purchaseEventId } = await friendBuys(referrer.code, {
      occurredAt: new Date(Date.now() - 20 * DAY),
    });
    const referralId = await recorded(purchaseEventId);
    await (await settleTimer(referralId))!.remove();
    const later = new Date(Date.now() + 5 * MINUTE);

    const swept = await Promise.all([referrals.settleOverdue(later), referrals.settleOverdue(later)]);

    expect(swept[0]! + swept[1]!).toBe(1);
    expect(await referralRow(referralId)).toMatchObject({ status: 'rewarded' });
    expect(await rewardsOf(referrer.customerId)).toHaveLength(1);
    expect(await rewardEmailsOf(referralId)).toHaveLength(1);
    expect(await rewardEventsOf(referralId)).toHaveLength(1);

    // The lost timer turning up late, and the next sweep, pay nothing more.
    await expect(referrals.settle(referralId, later)).resolves.toEqual({ outcome: 'already-settled' });
    await expect(referrals.settleOverdue(later)).resolves.toBe(0);
    expect(await rewardsOf(referrer.customerId)).toHaveLength(1);
  });
});
