import { decodeInputEvent } from '#contracts';
import {
  choosePromotersWhoJoin,
  simulateReferrals,
  type ReferralSimulationOptions,
  type SimulatedMember,
} from './promoter-loop.js';
import { simulateTraffic, type SimulatedStore } from './traffic-simulator.js';

const stores: SimulatedStore[] = [
  { id: 'tehran-01', locale: 'fa-IR', currency: 'IRR', employeeIds: ['e-1'], quality: 0.6, weight: 1 },
  { id: 'online', locale: 'en', currency: 'USD', employeeIds: [], quality: 0.8, weight: 1 },
];
const traffic = simulateTraffic({
  seed: 7,
  customers: 200,
  days: 30,
  until: new Date('2026-11-20T12:00:00Z'),
  stores,
  invalidShare: 0.02,
  duplicateShare: 0.02,
});
const members: SimulatedMember[] = Array.from({ length: 12 }, (_, index) => ({
  customerId: `c-7-${String(index * 3).padStart(5, '0')}`,
  storeId: index % 2 ? 'online' : 'tehran-01',
  referralCode: `CODE-${index}`,
  email: `c-7-${String(index * 3).padStart(5, '0')}@example.com`,
  phone: index % 3 ? null : `+98912000000${index}`,
}));
const options: ReferralSimulationOptions = {
  seed: 7,
  at: new Date('2026-11-20T12:05:00Z'),
  members,
  traffic,
  stores,
};
type Purchase = {
  customer: { id: string; email?: string };
  storeId: string;
  referralCode: string;
  total: { currency: string };
};
const bodyOf = (value: string) => JSON.parse(value) as Purchase;

describe('choosePromotersWhoJoin', () => {
  const invitations = Array.from({ length: 50 }, (_, index) => ({ to: `p${index}@example.com` }));
  const key = (invitation: { to: string }) => invitation.to;

  it('follows a seeded share of the links, the same ones whatever order the e-mails arrived in', () => {
    const chosen = choosePromotersWhoJoin(invitations, key, 42);
    expect(chosen).toHaveLength(30);
    expect(choosePromotersWhoJoin([...invitations].reverse(), key, 42)).toEqual(chosen);
    expect(choosePromotersWhoJoin(invitations, key, 43)).not.toEqual(chosen);
    expect(new Set(chosen.map(key)).size).toBe(30);
  });

  it('has at least one promoter join when any was invited, and none when nobody was', () => {
    expect(choosePromotersWhoJoin(invitations.slice(0, 1), key, 42)).toHaveLength(1);
    expect(choosePromotersWhoJoin([], key, 42)).toEqual([]);
  });
});

describe('simulateReferrals', () => {
  const referrals = simulateReferrals(options);
  const byKind = (kind: string) => referrals.filter((referral) => referral.kind === kind);

  it('is the same for the same seed and members, whatever their order', () => {
    expect(simulateReferrals({ ...options, members: [...members].reverse() })).toEqual(referrals);
    expect(simulateReferrals({ ...options, seed: 8 })).not.toEqual(referrals);
  });

  it('brings a handful of new friends, one per member, with the member code and store', () => {
    const friends = byKind('new-friend');
    expect(friends.length).toBeGreaterThanOrEqual(4);
    expect(friends.length).toBeLessThanOrEqual(6);
    const knownIds = new Set(traffic.map((message) => message.key));
    for (const friend of friends) {
      const referrer = members.find((member) => member.customerId === friend.referrerId)!;
      const body = bodyOf(friend.message.value);
      expect(knownIds.has(body.customer.id)).toBe(false);
      expect(body.customer.email).not.toBe(referrer.email);
      expect(body.referralCode).toBe(referrer.referralCode);
      expect(body.storeId).toBe(referrer.storeId);
      expect(body.total.currency).toBe(referrer.storeId === 'online' ? 'USD' : 'IRR');
    }
    expect(new Set(friends.map((friend) => friend.referrerId)).size).toBe(friends.length);
  });

  it('adds a self-referral by e-mail and an existing customer with a code, for a fraud check to hold', () => {
    const [sameEmail] = byKind('same-email');
    const referrer = members.find((member) => member.customerId === sameEmail!.referrerId)!;
    expect(bodyOf(sameEmail!.message.value).customer).toEqual(
      expect.objectContaining({ email: referrer.email }),
    );
    expect(bodyOf(sameEmail!.message.value).customer.id).not.toBe(referrer.customerId);

    const [existing] = byKind('existing-customer');
    const customerId = bodyOf(existing!.message.value).customer.id;
    expect(traffic.some((message) => message.topic === 'purchases' && message.key === customerId)).toBe(true);
    expect(members.some((member) => member.customerId === customerId)).toBe(false);
  });

  it('keeps to the purchase contract, in time order, keyed by customer, with no code used in a burst', () => {
    for (const { message } of referrals) {
      expect(decodeInputEvent('purchases', Buffer.from(message.value, 'utf8')).ok).toBe(true);
      expect(message.key).toBe(bodyOf(message.value).customer.id);
      expect(message.occurredAt.getTime()).toBeLessThan(options.at.getTime());
    }
    const times = referrals.map((referral) => referral.message.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const perCode = new Map<string, number>();
    for (const { message } of referrals) {
      const code = bodyOf(message.value).referralCode;
      perCode.set(code, (perCode.get(code) ?? 0) + 1);
    }
    expect(Math.max(...perCode.values())).toBe(1);
  });

  it('shares codes among the cases when members are few, and brings nobody without members', () => {
    const few = simulateReferrals({ ...options, members: members.slice(0, 2) });
    expect(few.filter((referral) => referral.kind === 'new-friend')).toHaveLength(2);
    expect(few).toHaveLength(4);
    expect(simulateReferrals({ ...options, members: [] })).toEqual([]);
  });
});
