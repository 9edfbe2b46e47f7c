import { LADDER_CONFIG, type LadderConfig } from '#config';
import { jobRequest } from '#contracts';
import { CustomerModelService } from '#customer-model';
import { normaliseReferralCode, referralFlags, type ReferralFlag, type ReferralParty } from '#domain';
import { TransactionalOutbox, type OutboxTransaction } from '#outbox';
import { StorePolicies } from '#directory';
import {
  CustomerRepository,
  LoyaltyRepository,
  ReferralRepository,
  RewardRepository,
  type CaseScope,
  type ReferralRecord,
} from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomerReplyScheduler } from './customer-reply.service.js';
import { loyaltyEvent } from './loyalty-event.js';
import { PointsService } from './points.service.js';
import { rewardDetails, RewardService } from './reward.service.js';

export type RecordOutcome =
  | { outcome: 'cooling-off' | 'review'; referralId: string; flags: ReferralFlag[] }
  | { outcome: 'missing-purchase' | 'no-code' | 'unknown-code' | 'already-referred' };

export type SettleOutcome =
  | { outcome: 'rewarded'; rewardId: string }
  | { outcome: 'review'; flags: ReferralFlag[] }
  | { outcome: 'not-due'; settleAt: Date }
  | { outcome: 'missing' | 'already-settled' };

export type DecisionResult =
  | { outcome: 'decided'; referral: ReferralRecord }
  | { outcome: 'not-found' }
  | { outcome: 'not-in-review'; status: ReferralRecord['status'] };

/** The sweep leaves a conversion this long past its settle time to its own delayed job. */
const SETTLE_GRACE_MS = 60_000;
const SWEEP_PAGE = 100;

/**
 * Referrals (docs/promoter-loop.md): a friend's purchase that carries a member's code converts when it is the
 * friend's first; after the cooling-off period the referrer is paid and told, unless a fraud check holds the
 * conversion for a manager, who approves or rejects it. Nothing is ever paid twice.
 */
@Injectable()
export class ReferralService {
  private readonly logger = new Logger(ReferralService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly loyalty: LoyaltyRepository,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly rewards: RewardRepository,
    private readonly rewardService: RewardService,
    private readonly customerModel: CustomerModelService,
    private readonly replies: CustomerReplyScheduler,
    private readonly transactions: TransactionalOutbox,
    private readonly points: PointsService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** A purchase carried a referral code. */
  async record(purchaseEventId: string, now = new Date()): Promise<RecordOutcome> {
    const result = await this.transactions.run(async (transaction): Promise<RecordOutcome> => {
      const { manager } = transaction;
      const purchase = await this.customers.findPurchase(manager, purchaseEventId);
      if (!purchase) return { outcome: 'missing-purchase' };
      const code = normaliseReferralCode(purchase.referralCode);
      if (!code) return { outcome: 'no-code' };
      const referrer = await this.loyalty.findReferrerByCode(manager, code);
      if (!referrer) return { outcome: 'unknown-code' };
      await this.loyalty.lockInvitation(manager, referrer.customerId);
      if (await this.referrals.findByReferee(manager, purchase.customerId))
        return { outcome: 'already-referred' };
      const flags = await this.check(manager, {
        referralId: null,
        referralCode: code,
        referrerId: referrer.customerId,
        refereeId: purchase.customerId,
        purchaseEventId,
        convertedAt: purchase.occurredAt,
        now,
        // Someone invited may still join before the payout; only then is it a missing membership.
        referrerIsMember: referrer.member ? true : null,
      });
      const settleAt = new Date(
        Math.max(now.getTime(), purchase.occurredAt.getTime() + this.config.loyalty.coolingOffMs),
      );
      const referral = await this.referrals.tryInsert(manager, {
        referralCode: code,
        referrerId: referrer.customerId,
        refereeId: purchase.customerId,
        storeId: purchase.storeId,
        purchaseEventId,
        convertedAt: purchase.occurredAt,
        status: flags.length ? 'review' : 'cooling-off',
        flags,
        settleAt,
      });
      if (!referral) return { outcome: 'already-referred' };
      // The conversion is news now, whatever becomes of it; the payout is a reward-issued event later.
      await this.customerModel.recordEvents(transaction, [
        loyaltyEvent(
          referral.referrerId,
          'referral-converted',
          referral.storeId,
          {
            referralId: referral.id,
            refereeId: referral.refereeId,
            referralCode: referral.referralCode,
            purchaseEventId: referral.purchaseEventId,
            convertedAt: referral.convertedAt.toISOString(),
            status: referral.status,
            flags: referral.flags,
          },
          referral.convertedAt,
        ),
      ]);
      if (flags.length === 0) {
        transaction.publish([
          {
            kind: 'job',
            job: jobRequest('settle-referral', referral.id, { referralId: referral.id }, settleAt),
          },
        ]);
      }
      return { outcome: referral.status as 'cooling-off' | 'review', referralId: referral.id, flags };
    });
    this.logger.log({ message: `referral ${result.outcome}`, purchaseEventId });
    return result;
  }

  /** The cooling-off ended: checked again with everything known now, then paid or held for review. */
  async settle(referralId: string, now = new Date()): Promise<SettleOutcome> {
    const result = await this.transactions.run(async (transaction): Promise<SettleOutcome> => {
      const { manager } = transaction;
      const referral = await this.referrals.find(manager, referralId, true);
      if (!referral) return { outcome: 'missing' };
      if (referral.status !== 'cooling-off') return { outcome: 'already-settled' };
      // A job promoted early (by hand, or a clock ahead of the database's) never pays before its time.
      if (referral.settleAt.getTime() > now.getTime())
        return { outcome: 'not-due', settleAt: referral.settleAt };
      await this.loyalty.lockInvitation(manager, referral.referrerId);
      const member = await this.loyalty.findMember(manager, referral.referrerId);
      const flags = await this.check(manager, {
        ...referral,
        referralId: referral.id,
        now,
        referrerIsMember: member !== null,
      });
      if (flags.length) {
        await this.referrals.update(manager, referral.id, { status: 'review', flags });
        return { outcome: 'review', flags };
      }
      return {
        outcome: 'rewarded',
        rewardId: await this.pay(transaction, referral, { by: 'ladder', note: null }, now),
      };
    });
    this.logger.log({ message: `referral settled: ${result.outcome}`, referralId });
    return result;
  }

  /**
   * Settles the conversions whose cooling-off ended a while ago but are still waiting: their delayed jobs were
   * lost with Redis. Each is settled like its job would have (and a job that runs late finds it done).
   */
  async settleOverdue(now = new Date()): Promise<number> {
    let settled = 0;
    for (;;) {
      const due = await this.referrals.dueForSettlement(
        this.dataSource.manager,
        new Date(now.getTime() - SETTLE_GRACE_MS),
        SWEEP_PAGE,
      );
      let failed = 0;
      for (const referralId of due) {
        try {
          if ((await this.settle(referralId, now)).outcome !== 'already-settled') settled += 1;
        } catch (error) {
          // One referral that cannot be settled must not stop the others; its own job keeps retrying it.
          failed += 1;
          this.logger.error({
            message: 'referral could not be settled',
            referralId,
            error: (error as Error).message,
          });
        }
      }
      // A page of failures would come back on every pass: stop and leave them for the next sweep.
      if (due.length < SWEEP_PAGE || failed === due.length) break;
    }
    if (settled > 0) this.logger.log({ message: 'settled referrals whose timers were lost', settled });
    return settled;
  }

  /** A manager approves a conversion a fraud check held: the referrer is paid now. */
  async approve(
    referralId: string,
    person: { name: string },
    note: string | null,
    scope: CaseScope,
    now = new Date(),
  ): Promise<DecisionResult> {
    return this.decide(referralId, scope, ['review'], async (transaction, referral) => {
      await this.pay(transaction, referral, { by: person.name, note }, now);
    });
  }

  /** A manager rejects a conversion, held or still cooling off: nothing is paid, ever. */
  async reject(
    referralId: string,
    person: { name: string },
    reason: string,
    scope: CaseScope,
    now = new Date(),
  ): Promise<DecisionResult> {
    return this.decide(referralId, scope, ['review', 'cooling-off'], async ({ manager }, referral) => {
      await this.referrals.update(manager, referral.id, {
        status: 'rejected',
        decidedBy: person.name,
        decidedAt: now,
        decisionNote: reason,
      });
    });
  }

  private async decide(
    referralId: string,
    scope: CaseScope,
    from: ReadonlyArray<ReferralRecord['status']>,
    apply: (transaction: OutboxTransaction, referral: ReferralRecord) => Promise<void>,
  ): Promise<DecisionResult> {
    const result = await this.transactions.run(async (transaction): Promise<DecisionResult> => {
      const { manager } = transaction;
      const referral = await this.referrals.find(manager, referralId, true);
      // Outside the caller's stores a referral does not exist, exactly like a case.
      if (!referral || (scope.kind === 'stores' && !scope.storeIds.includes(referral.storeId))) {
        return { outcome: 'not-found' };
      }
      if (!from.includes(referral.status)) return { outcome: 'not-in-review', status: referral.status };
      await apply(transaction, referral);
      return { outcome: 'decided', referral: (await this.referrals.find(manager, referralId))! };
    });
    if (result.outcome === 'decided') {
      this.logger.log({ message: `referral ${result.referral.status} by a person`, referralId });
    }
    return result;
  }

  /** The fraud checks of docs/promoter-loop.md, on Ladder's own purchase history. */
  private async check(
    manager: EntityManager,
    referral: {
      referralId: string | null;
      referralCode: string;
      referrerId: string;
      refereeId: string;
      purchaseEventId: string;
      convertedAt: Date;
      now: Date;
      referrerIsMember: boolean | null;
    },
  ): Promise<ReferralFlag[]> {
    const party = async (customerId: string): Promise<ReferralParty> => {
      const customer = await this.customers.find(manager, customerId);
      return { customerId, email: customer?.email ?? null, phone: customer?.phone ?? null };
    };
    return referralFlags(
      {
        referrer: await party(referral.referrerId),
        referee: await party(referral.refereeId),
        convertedAt: referral.convertedAt,
        refereeEarlierPurchases: await this.customers.otherPurchaseTimes(
          manager,
          referral.refereeId,
          referral.purchaseEventId,
        ),
        otherConversionsOfCode: await this.referrals.conversionsOfCode(
          manager,
          referral.referralCode,
          referral.referralId,
        ),
        referrerRewards: await this.rewards.referralRewardTimes(manager, referral.referrerId),
        now: referral.now,
        referrerIsMember: referral.referrerIsMember,
      },
      { burst: this.config.loyalty.burst, cap: this.config.loyalty.cap },
    );
  }

  /**
   * Pays the referrer once: the reward (on customer-events.v1), the confirmed conversion in the customer's
   * facts (a Client who brought a friend becomes an Advocate), and the e-mail that tells them.
   */
  private async pay(
    transaction: OutboxTransaction,
    referral: ReferralRecord,
    decision: { by: string; note: string | null },
    now: Date,
  ): Promise<string> {
    const { manager } = transaction;
    const { reward } = await this.rewardService.issue(manager, {
      customerId: referral.referrerId,
      storeId: referral.storeId,
      kind: 'referral',
      reason: `referral:${referral.id}`,
      referralId: referral.id,
      now,
    });
    await this.referrals.update(manager, referral.id, {
      status: 'rewarded',
      decidedBy: decision.by,
      decidedAt: now,
      decisionNote: decision.note,
    });
    await this.customerModel.recordEvents(transaction, [
      loyaltyEvent(
        referral.referrerId,
        'reward-issued',
        referral.storeId,
        rewardDetails(reward),
        reward.issuedAt,
      ),
    ]);
    // A member referrer also earns the referral bonus in points.
    await this.points.earnForReferral(transaction, referral, now);
    // The confirmed referral is the referrer's new fact, dated now.
    await this.customerModel.refresh(
      transaction,
      [referral.referrerId],
      now,
      new Map([[referral.referrerId, now]]),
    );
    const referrer = await this.customers.find(manager, referral.referrerId);
    await this.replies.schedule(
      transaction,
      referrer,
      {
        kind: 'referral-reward',
        key: `referral-reward:${referral.id}`,
        locale: referrer?.locale ?? (await this.stores.of(manager, referral.storeId)).locale,
        subjectIds: { customerId: referral.referrerId, rewardId: reward.id, referralId: referral.id },
      },
      now,
    );
    return reward.id;
  }
}
