import type { RewardSpec } from '#config';
import { StorePolicies } from '#directory';
import { endOfLocalDay, voucherCode, VOUCHER_RANDOM_LENGTH } from '#domain';
import { RewardRepository, type RewardKind, type RewardRecord } from '#persistence';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';

const MAX_CODE_ATTEMPTS = 8;

interface RewardRequestBase {
  customerId: string;
  /** The store whose reward it is (the member's store, or the store of the friend's purchase). */
  storeId: string;
  /** One reward per customer and reason, ever: `welcome`, `referral:<referral id>`. */
  reason: string;
  referralId?: string;
  now: Date;
}

/**
 * A welcome or referral voucher is worth what the store's policy says; the other kinds say their own worth
 * (the points spent, the tier's consultation, the offer's discount).
 */
export type RewardRequest = RewardRequestBase &
  (
    | { kind: Extract<RewardKind, 'welcome' | 'referral'>; spec?: undefined }
    | { kind: Exclude<RewardKind, 'welcome' | 'referral'>; spec: RewardSpec }
  );

/** The reward ledger: vouchers with a unique code, valued and timed as the store says. */
@Injectable()
export class RewardService {
  constructor(
    private readonly rewards: RewardRepository,
    private readonly stores: StorePolicies,
  ) {}

  /** Issues the reward for a reason, or answers the one already issued for it (`created: false`). */
  async issue(
    manager: EntityManager,
    request: RewardRequest,
  ): Promise<{ reward: RewardRecord; created: boolean }> {
    const existing = await this.rewards.findByReason(manager, request.customerId, request.reason);
    if (existing) return { reward: existing, created: false };
    const store = await this.stores.of(manager, request.storeId);
    const spec = request.spec ?? store.rewards[request.kind];
    const timeZone = store.timeZone;
    // Valid through the whole last day at the store, as the e-mail and the page print it.
    const expiresAt = endOfLocalDay(new Date(request.now.getTime() + spec.validForMs), timeZone);
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt += 1) {
      const reward = await this.rewards.tryInsert(manager, {
        customerId: request.customerId,
        storeId: request.storeId,
        kind: request.kind,
        reason: request.reason,
        voucherCode: voucherCode(request.kind, randomBytes(VOUCHER_RANDOM_LENGTH)),
        amountMinor: spec.amountMinor,
        currency: spec.currency,
        // Issued at the caller's instant, so the voucher is valid exactly as long as the store says.
        issuedAt: request.now,
        expiresAt,
        referralId: request.referralId ?? null,
      });
      if (reward) return { reward, created: true };
      // The code was taken, or a concurrent caller issued this reward first.
      const concurrent = await this.rewards.findByReason(manager, request.customerId, request.reason);
      if (concurrent) return { reward: concurrent, created: false };
    }
    throw new Error(`no free voucher code after ${MAX_CODE_ATTEMPTS} attempts`);
  }
}

/** The customer-events.v1 details of a reward: not its voucher code, which spends like cash. */
export function rewardDetails(reward: RewardRecord) {
  return {
    rewardId: reward.id,
    kind: reward.kind,
    amountMinor: reward.amountMinor,
    currency: reward.currency,
    expiresAt: reward.expiresAt.toISOString(),
    referralId: reward.referralId,
  };
}
