import { emailKey, phoneKey } from './identity.js';

/**
 * Why a referral conversion is held for a person to review instead of being paid (docs/promoter-loop.md):
 *
 * - `self-referral`: the friend is the referrer, by customer id, e-mail address or phone number;
 * - `existing-customer`: the friend had bought before the purchase that carried the code;
 * - `burst`: too many new customers used one code close together (more than `burst.max` within
 *   `burst.withinMs` of each other), the mark of a code posted to a coupon site;
 * - `over-cap`: the referrer already earned `cap.max` referral rewards within `cap.withinMs`;
 * - `not-a-member`: the code came with the referrer's invitation, but they had still not joined the club when
 *   the cooling-off ended, so nobody agreed to the club's terms: a person decides.
 */
export const REFERRAL_FLAGS = [
  'burst',
  'existing-customer',
  'not-a-member',
  'over-cap',
  'self-referral',
] as const;
export type ReferralFlag = (typeof REFERRAL_FLAGS)[number];

/**
 * A referral's life: it cools off, then pays the referrer (`rewarded`), unless a flag holds it for a person
 * (`review`), who approves (`rewarded`) or rejects it; a manager may also reject one that is cooling off.
 */
export const REFERRAL_STATUSES = ['cooling-off', 'review', 'rewarded', 'rejected'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface ReferralRules {
  burst: { max: number; withinMs: number };
  cap: { max: number; withinMs: number };
}

export const DEFAULT_REFERRAL_RULES: ReferralRules = {
  burst: { max: 3, withinMs: 86_400_000 },
  cap: { max: 5, withinMs: 30 * 86_400_000 },
};

export interface ReferralParty {
  customerId: string;
  email: string | null;
  phone: string | null;
}

export interface ReferralCheckInput {
  referrer: ReferralParty;
  referee: ReferralParty;
  /** When the purchase that carried the code was made. */
  convertedAt: Date;
  /** When each of the referee's purchases before that one was made (Ladder's own history). */
  refereeEarlierPurchases: readonly Date[];
  /** When every other referral of the same code converted, whatever became of it. */
  otherConversionsOfCode: readonly Date[];
  /** When the referrer's referral rewards were issued. */
  referrerRewards: readonly Date[];
  /** Now: the cap counts the rewards of the window that ends at the payout. */
  now: Date;
  /** Whether the referrer has joined the club; `null` while they still may (before the payout). */
  referrerIsMember: boolean | null;
}

/** The flags of one conversion, sorted; none means it may be paid once it has cooled off. */
export function referralFlags(
  input: ReferralCheckInput,
  rules: ReferralRules = DEFAULT_REFERRAL_RULES,
): ReferralFlag[] {
  const flags: ReferralFlag[] = [];
  const { referrer, referee } = input;
  const sameEmail = emailKey(referrer.email) !== null && emailKey(referrer.email) === emailKey(referee.email);
  const samePhone = phoneKey(referrer.phone) !== null && phoneKey(referrer.phone) === phoneKey(referee.phone);
  if (referrer.customerId === referee.customerId || sameEmail || samePhone) flags.push('self-referral');

  if (input.refereeEarlierPurchases.some((at) => at.getTime() < input.convertedAt.getTime())) {
    flags.push('existing-customer');
  }

  // This conversion and the others of the code that fall within the window either side of it.
  const at = input.convertedAt.getTime();
  const near = input.otherConversionsOfCode.filter(
    (other) => Math.abs(other.getTime() - at) < rules.burst.withinMs,
  ).length;
  if (near + 1 > rules.burst.max) flags.push('burst');

  const since = input.now.getTime() - rules.cap.withinMs;
  const rewarded = input.referrerRewards.filter(
    (issued) => issued.getTime() > since && issued.getTime() <= input.now.getTime(),
  ).length;
  if (rewarded >= rules.cap.max) flags.push('over-cap');

  if (input.referrerIsMember === false) flags.push('not-a-member');

  return flags.sort();
}
