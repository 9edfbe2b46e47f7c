import type { ChurnReason, MoveReason, ReferralFlag, Stage, VoucherKind } from '#domain';

interface CustomerEventBase {
  /** Unique per event (`ce-<n>`): consumers dedupe on it. */
  eventId: string;
  customerId: string;
  /**
   * The customer's home store when the event happened; for the promoter loop's events, the store they
   * concern (where the member was invited, where the friend bought, whose reward it is).
   */
  storeId: string | null;
  /** When it took effect (a fall by time takes effect when the window runs out). */
  occurredAt: string;
  /** When Ladder recorded it. */
  recordedAt: string;
}

/** A message of `<prefix>.customer-events.v1`, keyed by customer id. */
export type CustomerEventMessage =
  | (CustomerEventBase & { type: 'stage-changed'; from: Stage | null; to: Stage; reason: MoveReason })
  | (CustomerEventBase & {
      type: 'churn-risk-changed';
      level: 'none' | 'watch' | 'high';
      previousLevel: 'none' | 'watch' | 'high';
      reasons: ChurnReason[];
    })
  | (CustomerEventBase & { type: 'loyalty-joined'; details: LoyaltyJoinedDetails })
  | (CustomerEventBase & { type: 'referral-converted'; details: ReferralConvertedDetails })
  | (CustomerEventBase & { type: 'reward-issued'; details: RewardIssuedDetails })
  | (CustomerEventBase & { type: 'unsubscribed'; details: Record<string, never> })
  | (CustomerEventBase & { type: 'tier-changed'; details: TierChangedDetails });

/**
 * Also on `<prefix>.customer-events.v1`: the customer was erased (docs/privacy.md), so a CRM or data lake
 * downstream erases them too. Ladder keeps their anonymous facts under a pseudonym and publishes nothing more
 * under this id. Not one of a customer's stored events: nothing of it stays in Ladder but the erasure record.
 */
export type CustomerErasedMessage = CustomerEventBase & {
  type: 'customer-erased';
  storeId: null;
  details: Record<string, never>;
};

/** The customer joined the loyalty club through their invitation. */
export type LoyaltyJoinedDetails = {
  referralCode: string;
};

/**
 * A friend bought with the customer's code (keyed by the referrer), as it was recorded: cooling off before
 * the payout, or held for review with the fraud checks' flags. The payout is a `reward-issued` event.
 */
export type ReferralConvertedDetails = {
  referralId: string;
  refereeId: string;
  referralCode: string;
  purchaseEventId: string;
  convertedAt: string;
  status: 'cooling-off' | 'review';
  flags: ReferralFlag[];
};

/** A voucher from the reward ledger: the welcome reward, or a referral reward (its code stays in Ladder). */
export type RewardIssuedDetails = {
  rewardId: string;
  kind: VoucherKind;
  amountMinor: number;
  currency: string;
  expiresAt: string;
  referralId: string | null;
};

/**
 * A member climbed or fell a tier (docs/promoter-loop.md, Tiers): `to` is null below the first tier. The
 * points are those earned within the tier window when it was decided.
 */
export type TierChangedDetails = {
  from: string | null;
  to: string | null;
  direction: 'up' | 'down';
  windowPoints: number;
};
