import type { MemberDetailDto, RedemptionReportDto } from '#contracts';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  rewindInputTopics,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import pg from 'pg';
import { followJoinLink, invitePromoter } from './support/promoters.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

const DAY = 86_400_000;

/**
 * Vouchers paid with at the till: a member's welcome voucher is redeemed once; a second use, another
 * member's, an unknown and an expired code are refused with their reasons; a refund gives the voucher back
 * and is no purchase; replaying every input topic changes nothing.
 */
describe('vouchers redeemed and refunded', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let database: pg.Client;
  let purchaseNumber = 0;

  beforeAll(async () => {
    environment = await createTestEnvironment('vouchers', {
      LADDER_DIRECTORY: new URL('./fixtures/promoter-directory.yaml', import.meta.url).pathname,
      // A till may record a purchase dated after a voucher expired; here, months ahead of today.
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

  async function member(id: string): Promise<{ code: string; expiresAt: string }> {
    const invitation = await invitePromoter(
      environment.config,
      { id, email: `${id}@vouchers.test`, locale: 'en' },
      { eventId: `s-${id}`, storeId: 'online' },
    );
    expect((await followJoinLink(environment.config, invitation)).status).toBe(200);
    const [welcome] = await ledgerOf(id);
    return { code: welcome!.voucherCode, expiresAt: welcome!.expiresAt };
  }

  const ledgerOf = async (id: string) =>
    (await callApi<MemberDetailDto>(ladder.url, `/api/members/${id}`)).body.ledger;

  /** A purchase at the online shop, as a till sends it; answers its eventId. */
  async function purchase(customerId: string, extra: Record<string, unknown>): Promise<string> {
    purchaseNumber += 1;
    const eventId = `vo-p-${purchaseNumber}`;
    await produce(environment.config, 'purchases', [
      {
        key: customerId,
        value: JSON.stringify({
          eventId,
          occurredAt: new Date().toISOString(),
          customer: { id: customerId },
          storeId: 'online',
          orderId: `o-${eventId}`,
          total: { amountMinor: 3_000, currency: 'EUR' },
          ...extra,
        }),
      },
    ]);
    return eventId;
  }

  const outcomes = async () =>
    Object.fromEntries(
      (
        await database.query<{
          purchase_event_id: string;
          outcome: string;
          detail: string;
          reversed: boolean;
        }>(
          `SELECT purchase_event_id, outcome, detail, reversed_at IS NOT NULL AS reversed
             FROM voucher_redemptions ORDER BY purchase_event_id`,
        )
      ).rows.map((row) => [row.purchase_event_id, row]),
    );

  it('redeems once, refuses with reasons, gives back on a refund, and changes nothing on replay', async () => {
    const ana = await member('vo-ana');
    const ben = await member('vo-ben');
    expect(ana.code).toMatch(/^WELCOME-/);

    // Typed at the till in lower case with spaces, as people do.
    const first = await purchase('vo-ana', { voucherCode: ` ${ana.code.toLowerCase().replace('-', ' -')} ` });
    await eventually(async () => expect((await outcomes())[first]).toMatchObject({ outcome: 'redeemed' }));
    const again = await purchase('vo-ana', { voucherCode: ana.code });
    const foreign = await purchase('vo-ana', { voucherCode: ben.code });
    const unknown = await purchase('vo-ana', { voucherCode: 'WELCOME-NOPE-0000' });
    const late = await purchase('vo-ben', {
      voucherCode: ben.code,
      occurredAt: new Date(new Date(ben.expiresAt).getTime() + DAY).toISOString(),
    });
    await waitUntilSettled(environment.config);
    await eventually(async () => expect(Object.keys(await outcomes())).toHaveLength(5));
    const decided = await outcomes();
    expect(decided[first]).toMatchObject({ outcome: 'redeemed', reversed: false });
    expect(decided[again]).toMatchObject({
      outcome: 'used',
      detail: `the voucher was redeemed by purchase ${first}`,
    });
    expect(decided[foreign]).toMatchObject({ outcome: 'foreign' });
    expect(decided[unknown]).toMatchObject({ outcome: 'unknown' });
    expect(decided[late]).toMatchObject({ outcome: 'expired' });
    expect((await ledgerOf('vo-ana'))[0]!.redemption).toMatchObject({ purchaseEventId: first });
    expect((await ledgerOf('vo-ben'))[0]!.redemption).toBeNull();

    // The first purchase is returned: the voucher is free again, and the refund is no purchase.
    const refund = await purchase('vo-ana', { refundOf: first });
    await waitUntilSettled(environment.config);
    await eventually(async () => expect((await outcomes())[first]).toMatchObject({ reversed: true }));
    expect((await ledgerOf('vo-ana'))[0]!.redemption).toBeNull();
    const stored = await database.query('SELECT event_id FROM purchases WHERE event_id = $1', [refund]);
    expect(stored.rows).toEqual([]);
    const reused = await purchase('vo-ana', { voucherCode: ana.code });
    await waitUntilSettled(environment.config);
    await eventually(async () => expect((await outcomes())[reused]).toMatchObject({ outcome: 'redeemed' }));

    const report = await callApi<RedemptionReportDto>(ladder.url, '/api/vouchers/redemption?storeId=online');
    expect(report.status).toBe(200);
    expect(report.body.rows).toEqual([
      { storeId: 'online', kind: 'welcome', issued: 2, redeemed: 1, rate: 0.5 },
    ]);
    expect(report.body.refused).toEqual(
      ['expired', 'foreign', 'unknown', 'used'].map((reason) => ({ storeId: 'online', reason, count: 1 })),
    );
    const refused = await callApi(ladder.url, '/api/vouchers/redemption?from=2026-13-01');
    expect(refused.status).toBe(400);

    // Replaying every input topic decides nothing again.
    const before = await outcomes();
    await ladder.stop();
    await rewindInputTopics(environment.config);
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
    expect(await outcomes()).toEqual(before);
    expect((await ledgerOf('vo-ana'))[0]!.redemption).toMatchObject({ purchaseEventId: reused });
  }, 240_000);
});
