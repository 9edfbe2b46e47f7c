import type { LadderConfig } from '#config';
import type { PointsSpendDto } from '#contracts';
import { tierFor } from '#domain';
import type { SimulatedMessage } from '#simulation';
import pg from 'pg';

/** What the members' part produced, and what it left for the summary to name. */
export interface MemberPlay {
  /** Purchases in the order a till sends them. */
  messages: SimulatedMessage[];
  /** Sent once the purchases are processed: the return of one of them. */
  later?: SimulatedMessage[];
  description: string;
}

interface DemoMember {
  customerId: string;
  storeId: string;
  currency: string;
  amountPerPoint: number;
  welcomeCode: string | null;
}

/**
 * Members shopping after they joined, as tills would send it: one buys enough for the top tier, one for the
 * first tier, one pays with their welcome voucher and then tries it again, and one types a code that does not
 * exist. It needs what only the database knows (the members, their stores' points rules, their welcome
 * codes); the purchases are the same for the same members.
 */
export async function planMemberShopping(config: LadderConfig, at: Date): Promise<MemberPlay> {
  const members = await demoMembers(config);
  const tiers = config.loyalty.tiers;
  const messages: SimulatedMessage[] = [];
  const [top, first, voucherHolder, mistyped] = members;
  let sequence = 0;
  const buy = (member: DemoMember, points: number, extra: Record<string, unknown> = {}) => {
    sequence += 1;
    const eventId = `mp-${sequence.toString().padStart(3, '0')}`;
    messages.push(tillPurchase(member, eventId, new Date(at.getTime() + sequence * 1_000), points, extra));
    return eventId;
  };
  const highest = tiers[tiers.length - 1];
  const lowest = tiers[0];
  // Three purchases climb through every tier (each tier's multiplier only speeds the climb).
  if (top && highest) for (let step = 0; step < 3; step += 1) buy(top, Math.ceil(highest.threshold / 3));
  if (first && lowest) buy(first, lowest.threshold);
  if (voucherHolder?.welcomeCode) {
    buy(voucherHolder, 40, { voucherCode: voucherHolder.welcomeCode });
    buy(voucherHolder, 25, { voucherCode: voucherHolder.welcomeCode });
  }
  if (mistyped) buy(mistyped, 30, { voucherCode: 'WELCOME-0000-0000' });
  const reached = (points: number) => tierFor(points, tiers)?.name ?? 'no tier';
  return {
    messages,
    description:
      `  ${messages.length} purchases by ${Math.min(members.length, 4)} members: ` +
      `${top && highest ? `one climbs to ${reached(highest.threshold)}, ` : ''}` +
      `${first && lowest ? `one reaches ${reached(lowest.threshold)}, ` : ''}` +
      'one pays with their welcome voucher and tries it again, one types a code that does not exist',
  };
}

/**
 * The top member turns points into a voucher (as staff at the till would, through the API), pays with it,
 * and returns that purchase: the refund takes back what it earned and gives the voucher's points back.
 */
export async function spendAndReturn(config: LadderConfig, at: Date): Promise<MemberPlay> {
  const [top] = await demoMembers(config);
  if (!top) return { messages: [], description: '  no member to spend points' };
  const response = await fetch(
    `${config.publicUrl}/api/members/${encodeURIComponent(top.customerId)}/points/vouchers`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ points: config.loyalty.points.minimumSpend, requestId: 'demo-spend-0001' }),
    },
  );
  if (!response.ok)
    return { messages: [], description: `  spending points answered HTTP ${response.status}` };
  const spent = (await response.json()) as PointsSpendDto;
  const purchase = (eventId: string, seconds: number, extra: Record<string, unknown>) =>
    tillPurchase(top, eventId, new Date(at.getTime() + seconds * 1_000), 120, extra);
  return {
    messages: [purchase('mp-paid-with-points', 1, { voucherCode: spent.voucher.voucherCode })],
    later: [purchase('mp-refund-001', 2, { refundOf: 'mp-paid-with-points' })],
    description:
      `  ${config.loyalty.points.minimumSpend} points became a voucher (${spent.balance} left), ` +
      'paid a purchase, and that purchase was returned',
  };
}

/** A member's purchase worth `points` at their store's rule, as the till sends it. */
function tillPurchase(
  member: DemoMember,
  eventId: string,
  occurredAt: Date,
  points: number,
  extra: Record<string, unknown>,
): SimulatedMessage {
  return {
    topic: 'purchases',
    key: member.customerId,
    kind: 'valid',
    occurredAt,
    value: JSON.stringify({
      eventId,
      occurredAt: occurredAt.toISOString(),
      customer: { id: member.customerId },
      storeId: member.storeId,
      orderId: `o-${eventId}`,
      total: { amountMinor: points * member.amountPerPoint, currency: member.currency },
      channel: member.storeId === 'online' ? 'online' : 'store',
      ...extra,
    }),
  };
}

/** The first members by id, with their store's points rule and currency and their welcome code. */
async function demoMembers(config: LadderConfig): Promise<DemoMember[]> {
  const database = new pg.Client({ connectionString: config.databaseUrl });
  await database.connect();
  try {
    const { rows } = await database.query<{
      customer_id: string;
      store_id: string;
      currency: string | null;
      per_point: string | null;
      welcome_code: string | null;
    }>(
      `SELECT m.customer_id, m.store_id, s.welcome_reward->>'currency' AS currency,
              s.points_rule->>'amountPerPoint' AS per_point,
              (SELECT voucher_code FROM rewards r WHERE r.customer_id = m.customer_id AND r.reason = 'welcome') AS welcome_code
         FROM loyalty_members m LEFT JOIN stores s ON s.id = m.store_id
        ORDER BY m.customer_id LIMIT 4`,
    );
    return rows.map((row) => ({
      customerId: row.customer_id,
      storeId: row.store_id,
      currency: row.currency ?? config.loyalty.welcomeReward.currency,
      amountPerPoint: Number(row.per_point ?? config.loyalty.points.amountPerPoint),
      welcomeCode: row.welcome_code,
    }));
  } finally {
    await database.end();
  }
}
