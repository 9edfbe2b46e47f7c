import type { Principal } from '#access';
import { DirectoryService } from '#directory';
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
import { PointsAccountService } from './points-account.service.js';
import { PointsReviewService } from './points-review.service.js';
import { PointsService } from './points.service.js';

const DAY = 86_400_000;
const ADMIN: Principal = { tokenId: 'admin', name: 'Admin', role: 'admin', scope: { kind: 'all' } };

/**
 * What time alone does to points and tiers, against PostgreSQL: a lot that runs out is closed by an expiry
 * entry of what it had left, a tier falls when the window leaves its points behind (and a second sweep changes
 * nothing), climbing again gives no second consultation voucher, and a refund never takes a balance below zero.
 */
describe('points expiring, tiers falling and refunds against PostgreSQL', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let database: DataSource;
  let points: PointsService;
  let accounts: PointsAccountService;
  let review: PointsReviewService;
  const t0 = new Date(Date.now() - 200 * DAY);
  const at = (days: number) => new Date(t0.getTime() + days * DAY);

  const rows = (sql: string, parameters: unknown[] = []) => database.query(sql, parameters);
  const balance = async (customerId: string, now: Date) =>
    (await accounts.account(customerId, ADMIN, now)).balance;
  const tierOf = async (customerId: string) =>
    (await rows('SELECT tier FROM loyalty_members WHERE customer_id = $1', [customerId]))[0].tier;

  async function member(customerId: string): Promise<void> {
    await storeCustomer(database, { id: customerId, email: `${customerId}@example.com`, name: 'Sara' });
    await rows(
      `INSERT INTO loyalty_members (customer_id, store_id, referral_code, joined_at) VALUES ($1, 'vanak', $2, $3)`,
      [customerId, `CODE-${customerId}`, at(-1)],
    );
  }

  async function buys(customerId: string, eventId: string, amountMinor: number, day: number) {
    await storePurchase(database, {
      eventId,
      customerId,
      storeId: 'vanak',
      occurredAt: at(day),
      amountMinor,
    });
    return points.earnForPurchase(eventId, at(day));
  }

  beforeAll(async () => {
    environment = await createTestEnvironment('points-review', {
      LADDER_TIERS: 'silver@100 x1.5',
      LADDER_TIER_WINDOW: '60d',
      LADDER_POINTS_EXPIRE_AFTER: '30d',
      LADDER_POINTS_MINIMUM_SPEND: '10',
    });
    await createTopics(environment.config);
    module = await startLibrary(environment.config, LoyaltyModule);
    database = module.get(DataSource);
    points = module.get(PointsService);
    accounts = module.get(PointsAccountService);
    review = module.get(PointsReviewService);
    await module.get(DirectoryService).importDirectory({
      regions: [{ id: 'tehran', name: 'Tehran', manager: { name: 'Reza', email: 'reza@example.com' } }],
      stores: [
        {
          id: 'vanak',
          name: 'Tehran Vanak',
          regionId: 'tehran',
          timezone: 'Asia/Tehran',
          locale: 'en',
          manager: { name: 'Neda', email: 'neda@example.com' },
        },
      ],
      employees: [],
    });
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  it('expires what a lot had left, lets the tier fall with the window, and climbs again without a second voucher', async () => {
    await member('m-ana');
    expect(await buys('m-ana', 'p-ana-1', 15_000, 0)).toMatchObject({ outcome: 'earned', points: 150 });
    expect(await tierOf('m-ana')).toBe('silver');
    await accounts.spend('m-ana', { points: 60, requestId: 'spend-ana-1' }, ADMIN, at(1));
    expect(await balance('m-ana', at(2))).toBe(90);

    // Day 31: the lot ran out with 90 left; its points still count towards the 60-day tier window.
    expect(await review.reviewAll(at(31))).toMatchObject({ expired: 1, moved: 0 });
    const expired = await rows(
      `SELECT points FROM points_entries WHERE customer_id = 'm-ana' AND kind = 'expired'`,
    );
    expect(expired).toEqual([{ points: -90 }]);
    expect(await balance('m-ana', at(31))).toBe(0);
    expect(await tierOf('m-ana')).toBe('silver');

    // Day 61: the window left the purchase behind: Ana falls, once.
    expect(await review.reviewAll(at(61))).toMatchObject({ expired: 0, moved: 1 });
    expect(await tierOf('m-ana')).toBeNull();
    expect(await review.reviewAll(at(61))).toMatchObject({ expired: 0, moved: 0 });
    const moves = await rows(
      `SELECT details FROM customer_events WHERE customer_id = 'm-ana' AND type = 'tier-changed' ORDER BY id`,
    );
    expect(moves.map((row: { details: { direction: string } }) => row.details.direction)).toEqual([
      'up',
      'down',
    ]);

    // Climbing again gives silver back, not a second consultation voucher or e-mail.
    await buys('m-ana', 'p-ana-2', 10_000, 62);
    expect(await tierOf('m-ana')).toBe('silver');
    const vouchers = await rows(
      `SELECT reason FROM rewards WHERE customer_id = 'm-ana' AND kind = 'consultation'`,
    );
    expect(vouchers).toEqual([{ reason: 'tier:silver' }]);
    const mails = await rows(`SELECT key FROM notifications WHERE kind = 'tier-reached'`);
    expect(mails).toEqual([{ key: 'tier-reached:m-ana:silver' }]);
  });

  async function refunds(
    customerId: string,
    eventId: string,
    refundOf: string,
    amountMinor: number,
    day: number,
  ) {
    await rows(
      `INSERT INTO refunds (event_id, customer_id, store_id, refund_of, amount_minor, currency, occurred_at, source_partition, source_offset)
       VALUES ($1, $2, 'vanak', $3, $4, 'EUR', $5, 0, 0)`,
      [eventId, customerId, refundOf, amountMinor, at(day)],
    );
  }

  it("makes a refund that comes first wait for its purchase's points, then takes back its share", async () => {
    await member('m-cy');
    await refunds('m-cy', 'r-cy-1', 'p-cy-1', 2_500, 120);
    // The purchase is not stored yet: the refund waits (its job is retried), taking nothing.
    await expect(points.reverseForRefund('r-cy-1', at(120))).rejects.toThrow(/not stored yet/);
    await storePurchase(database, {
      eventId: 'p-cy-1',
      customerId: 'm-cy',
      storeId: 'vanak',
      occurredAt: at(120),
      amountMinor: 10_000,
    });
    await expect(points.reverseForRefund('r-cy-1', at(120))).rejects.toThrow(/not decided yet/);
    expect(await points.earnForPurchase('p-cy-1', at(120))).toMatchObject({ points: 100 });
    // A quarter of the purchase came back: a quarter of its points go.
    expect(await points.reverseForRefund('r-cy-1', at(121))).toMatchObject({ reversed: 25 });
    expect(await balance('m-cy', at(121))).toBe(75);
  });

  it('gives back the share of a points voucher that a partial refund of its purchase stands for', async () => {
    await member('m-dee');
    await buys('m-dee', 'p-dee-1', 20_000, 130);
    const { voucher } = await accounts.spend(
      'm-dee',
      { points: 100, requestId: 'spend-dee-1' },
      ADMIN,
      at(130),
    );
    await storePurchase(database, {
      eventId: 'p-dee-2',
      customerId: 'm-dee',
      storeId: 'vanak',
      occurredAt: at(131),
      amountMinor: 8_000,
    });
    await rows(
      `INSERT INTO voucher_redemptions (purchase_event_id, voucher_code, customer_id, store_id, reward_id, outcome, detail)
       VALUES ('p-dee-2', $1, 'm-dee', 'vanak', $2, 'redeemed', 'redeemed')`,
      [voucher.voucherCode, voucher.id],
    );
    // Silver since the first purchase: 80 points × 1.5.
    expect(await points.earnForPurchase('p-dee-2', at(131))).toMatchObject({ points: 120 });
    expect(await balance('m-dee', at(131))).toBe(220);
    // A cable of a tenth of the purchase is returned: a tenth of its points go, a tenth of the voucher's
    // 100 points come back.
    await refunds('m-dee', 'r-dee-1', 'p-dee-2', 800, 132);
    expect(await points.reverseForRefund('r-dee-1', at(132))).toMatchObject({ reversed: 12, restored: 10 });
    // The rest is returned: the rest of both, never more than the purchase earned or the voucher cost.
    await refunds('m-dee', 'r-dee-2', 'p-dee-2', 8_000, 133);
    expect(await points.reverseForRefund('r-dee-2', at(133))).toMatchObject({ reversed: 108, restored: 90 });
    expect(await balance('m-dee', at(133))).toBe(200);
  });

  it('takes back at most what is left when a refunded purchase earned points already spent', async () => {
    await member('m-ben');
    await buys('m-ben', 'p-ben-1', 10_000, 100);
    await accounts.spend('m-ben', { points: 80, requestId: 'spend-ben-1' }, ADMIN, at(100));
    await rows(
      `INSERT INTO refunds (event_id, customer_id, store_id, refund_of, amount_minor, currency, occurred_at, source_partition, source_offset)
       VALUES ('r-ben-1', 'm-ben', 'vanak', 'p-ben-1', 10000, 'EUR', $1, 0, 0)`,
      [at(101)],
    );
    expect(await points.reverseForRefund('r-ben-1', at(101))).toMatchObject({
      outcome: 'reversed',
      reversed: 20,
    });
    expect(await balance('m-ben', at(101))).toBe(0);
    const [entry] = await rows(`SELECT points, detail FROM points_entries WHERE reason = 'refund:r-ben-1'`);
    expect(entry).toEqual({ points: -20, detail: '80 already spent' });
    expect(await points.reverseForRefund('r-ben-1', at(102))).toEqual({ outcome: 'already-reversed' });
  });
});
