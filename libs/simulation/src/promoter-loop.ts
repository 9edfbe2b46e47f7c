import { FIRST_NAMES } from './comments.js';
import { SeededRandom } from './random.js';
import type { SimulatedMessage, SimulatedStore } from './traffic-simulator.js';

/** A member of the loyalty club as the demo's tills know them: who they are and the code they share. */
export interface SimulatedMember {
  customerId: string;
  storeId: string;
  referralCode: string;
  email: string | null;
  phone: string | null;
}

/**
 * What a friend's purchase is meant to show: a genuine new friend (paid after the cooling-off), a "friend" who
 * is the referrer under another customer id with the same e-mail address (held: self-referral), or a customer
 * who had bought before and now brings a member's code (held: existing customer).
 */
export type SimulatedReferralKind = 'new-friend' | 'same-email' | 'existing-customer';

export interface SimulatedReferral {
  kind: SimulatedReferralKind;
  referrerId: string;
  message: SimulatedMessage;
}

export interface ReferralSimulationOptions {
  seed: number;
  /** When the friends buy: their purchases come in the seconds before this. */
  at: Date;
  members: readonly SimulatedMember[];
  /** The traffic Ladder already scored: one of its buyers comes back with a member's code. */
  traffic: readonly SimulatedMessage[];
  stores: readonly SimulatedStore[];
}

/** The share of invited promoters who follow their link, as a campaign of this kind might see. */
export const DEFAULT_JOIN_SHARE = 0.6;

/**
 * The invited promoters who follow their invitation's link: a seeded share of them, the same ones for the
 * same seed and the same invitations whatever order they arrive in (they are ordered by `key` first).
 */
export function choosePromotersWhoJoin<T>(
  invitations: readonly T[],
  key: (invitation: T) => string,
  seed: number,
  share = DEFAULT_JOIN_SHARE,
): T[] {
  const ordered = [...invitations].sort((a, b) => compare(key(a), key(b)));
  if (ordered.length === 0) return [];
  const random = new SeededRandom(seed ^ 0x1017);
  const count = Math.max(1, Math.round(ordered.length * share));
  return shuffle(random, ordered)
    .slice(0, count)
    .sort((a, b) => compare(key(a), key(b)));
}

/**
 * First purchases that carry members' referral codes: a handful of genuine new friends (4 to 6 from the seed,
 * one per member so no code looks like a burst), plus one conversion each that a fraud check must hold — a new
 * customer id with the referrer's own e-mail address, and a customer who had bought before. Deterministic for
 * a seed and a set of members; the purchases are in time order, keyed by customer, as DESIGN.md's purchase.
 */
export function simulateReferrals(options: ReferralSimulationOptions): SimulatedReferral[] {
  const random = new SeededRandom(options.seed ^ 0xf12e);
  const members = shuffle(
    random,
    [...options.members].sort((a, b) => compare(a.customerId, b.customerId)),
  );
  if (members.length === 0) return [];
  const memberIds = new Set(members.map((member) => member.customerId));
  const genuine = Math.min(random.integer(4, 6), members.length);
  // The fraud cases take the members after the genuine ones, and share a code only when members are few.
  const nextMember = (offset: number) => members[(genuine + offset) % members.length]!;
  let sequence = 0;
  const ids = () => {
    const suffix = `${options.seed}-${(sequence++).toString().padStart(3, '0')}`;
    return { eventId: `r-${suffix}`, orderId: `ro-${suffix}`, friendId: `f-${suffix}` };
  };
  const planned: Array<{ kind: SimulatedReferralKind; referrer: SimulatedMember; customer: Buyer }> = [];

  for (const referrer of members.slice(0, genuine)) {
    const store = storeOf(options.stores, referrer.storeId);
    const { friendId } = ids();
    planned.push({
      kind: 'new-friend',
      referrer,
      customer: {
        id: friendId,
        email: `${friendId}@example.com`,
        name: random.pick(FIRST_NAMES[languageOf(store.locale)]),
        locale: store.locale,
        storeId: store.id,
      },
    });
  }

  const sameEmailReferrer = [nextMember(0), ...members].find((member) => member.email !== null);
  if (sameEmailReferrer) {
    const store = storeOf(options.stores, sameEmailReferrer.storeId);
    const { friendId } = ids();
    planned.push({
      kind: 'same-email',
      referrer: sameEmailReferrer,
      customer: {
        id: friendId,
        email: sameEmailReferrer.email!,
        name: random.pick(FIRST_NAMES[languageOf(store.locale)]),
        locale: store.locale,
        storeId: store.id,
      },
    });
  }

  const existingReferrer = nextMember(1);
  const returning = earlierBuyers(options.traffic).filter(
    (buyer) =>
      !memberIds.has(buyer.id) &&
      buyer.email !== existingReferrer.email &&
      (buyer.phone === undefined || buyer.phone !== existingReferrer.phone),
  );
  if (returning.length > 0) {
    planned.push({ kind: 'existing-customer', referrer: existingReferrer, customer: random.pick(returning) });
  }

  const end = options.at.getTime();
  return shuffle(random, planned).map(({ kind, referrer, customer }, index, all): SimulatedReferral => {
    const store = storeOf(options.stores, customer.storeId);
    const { eventId, orderId } = ids();
    const occurredAt = new Date(end - (all.length - index) * 1_000);
    const { storeId, ...person } = customer;
    const amountMinor =
      store.currency === 'IRR' ? random.integer(5, 400) * 1_000_000 : random.integer(15, 1500) * 100 + 99;
    const body = {
      eventId,
      occurredAt: occurredAt.toISOString(),
      customer: person,
      storeId,
      orderId,
      total: { amountMinor, currency: store.currency },
      channel: storeId === 'online' ? 'online' : 'store',
      referralCode: referrer.referralCode,
    };
    return {
      kind,
      referrerId: referrer.customerId,
      message: {
        topic: 'purchases',
        key: customer.id,
        value: JSON.stringify(body),
        occurredAt,
        kind: 'valid',
      },
    };
  });
}

interface Buyer {
  id: string;
  email?: string;
  phone?: string;
  name?: string;
  locale?: string;
  storeId: string;
}

/** Every customer of the traffic's valid purchases, once, as they gave themselves at the till. */
function earlierBuyers(traffic: readonly SimulatedMessage[]): Buyer[] {
  const buyers = new Map<string, Buyer>();
  for (const message of traffic) {
    if (message.topic !== 'purchases' || message.kind !== 'valid') continue;
    const body = JSON.parse(message.value) as { customer: Omit<Buyer, 'storeId'>; storeId: string };
    if (!buyers.has(body.customer.id))
      buyers.set(body.customer.id, { ...body.customer, storeId: body.storeId });
  }
  return [...buyers.values()].sort((a, b) => compare(a.id, b.id));
}

function storeOf(stores: readonly SimulatedStore[], storeId: string): SimulatedStore {
  return (
    stores.find((store) => store.id === storeId) ?? {
      id: storeId,
      locale: 'en',
      currency: 'USD',
      employeeIds: [],
      quality: 0.5,
      weight: 0,
    }
  );
}

function languageOf(locale: string): 'fa' | 'en' {
  return locale.startsWith('fa') ? 'fa' : 'en';
}

/** Fisher–Yates with the seeded generator: the same order for the same seed. */
function shuffle<T>(random: SeededRandom, items: readonly T[]): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random.next() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
