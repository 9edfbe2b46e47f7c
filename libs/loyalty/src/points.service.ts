import { LADDER_CONFIG, type LadderConfig } from '#config';
import { jobRequest, type JobRequest } from '#contracts';
import { StorePolicies } from '#directory';
import {
  answerTriggers,
  ledgerState,
  proportionalPoints,
  purchasePoints,
  takeable,
  tierNamed,
  type PointsEntryKind,
} from '#domain';
import { TransactionalOutbox, type OutboxTransaction } from '#outbox';
import {
  CustomerRepository,
  PointsRepository,
  SurveyAnswerRepository,
  VoucherRepository,
  type NewPointsEntry,
  type PointsEntryRecord,
  type PointsMember,
} from '#persistence';
import { reconcileWindow } from '#queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { MemberTierService } from './member-tiers.service.js';

export type EarnOutcome =
  | { outcome: 'earned'; points: number; balance: number }
  | { outcome: 'already-earned' | 'not-a-member' | 'before-joining' | 'nothing-earned' | 'not-earning' };

export type RefundPointsOutcome =
  | { outcome: 'reversed'; reversed: number; restored: number; balance: number }
  | { outcome: 'nothing-to-reverse' | 'already-reversed' | 'not-a-member' | 'missing-refund' };

/** How far back the reconciler looks for members' purchases and answers whose points were never decided. */
const RECONCILE_LOOK_BACK_MS = 24 * 3_600_000;
const RECONCILE_LIMIT = 2_000;

/** A credit as a service asks for it; its lot's end follows from the rules. */
type Credit = Pick<NewPointsEntry, 'kind' | 'reason' | 'points' | 'sourceId' | 'detail' | 'storeId'>;

/**
 * Members' points (docs/promoter-loop.md, Points): earned per purchase amount by the store's rule (times the
 * tier's multiplier), for a survey answer and for a converted referral; spent as vouchers; expiring; and
 * reversed by refunds. Every entry has a reason unique per member, so a job run twice, a redelivery or a
 * replay writes nothing new; the member's row is locked for each change, and nothing takes more than the
 * live balance holds.
 */
@Injectable()
export class PointsService {
  private readonly logger = new Logger(PointsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionalOutbox,
    private readonly points: PointsRepository,
    private readonly customers: CustomerRepository,
    private readonly answers: SurveyAnswerRepository,
    private readonly vouchers: VoucherRepository,
    private readonly stores: StorePolicies,
    private readonly tiers: MemberTierService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async earnForPurchase(purchaseEventId: string, now = new Date()): Promise<EarnOutcome> {
    const result = await this.transactions.run(async (transaction): Promise<EarnOutcome> => {
      const { manager } = transaction;
      const purchase = await this.customers.findPurchase(manager, purchaseEventId);
      if (!purchase) throw new UnrecoverableError(`purchase ${purchaseEventId} does not exist`);
      const member = await this.points.lockMember(manager, purchase.customerId);
      if (!member) return { outcome: 'not-a-member' };
      if (purchase.occurredAt < member.joinedAt) return { outcome: 'before-joining' };
      const store = await this.stores.of(manager, purchase.storeId);
      const tier = tierNamed(member.tier, this.config.loyalty.tiers);
      const multiplier = tier?.multiplier ?? 1;
      const points = purchasePoints(purchase.amountMinor, store.points.amountPerPoint, multiplier);
      if (points === 0) return { outcome: 'nothing-earned' };
      return this.credit(transaction, member, now, {
        kind: 'purchase',
        reason: `purchase:${purchaseEventId}`,
        points,
        storeId: purchase.storeId,
        sourceId: purchaseEventId,
        detail: tier ? `${tier.name} ×${multiplier}` : null,
      });
    });
    this.logger.log({ message: `points ${result.outcome}`, purchaseEventId });
    return result;
  }

  /** A member's answer earns the survey bonus, once per answer; a flagged answer earns nothing. */
  async earnForAnswer(surveyEventId: string, now = new Date()): Promise<EarnOutcome> {
    const result = await this.transactions.run(async (transaction): Promise<EarnOutcome> => {
      const { manager } = transaction;
      const answer = await this.answers.find(manager, surveyEventId);
      if (!answer) throw new UnrecoverableError(`survey answer ${surveyEventId} does not exist`);
      const bonus = this.config.loyalty.points.surveyBonus;
      if (!answerTriggers(answer).surveyPoints || bonus === 0) return { outcome: 'not-earning' };
      const member = await this.points.lockMember(manager, answer.customerId);
      if (!member) return { outcome: 'not-a-member' };
      if (answer.occurredAt < member.joinedAt) return { outcome: 'before-joining' };
      return this.credit(transaction, member, now, {
        kind: 'survey',
        reason: `survey:${surveyEventId}`,
        points: bonus,
        storeId: answer.storeId,
        sourceId: surveyEventId,
        detail: null,
      });
    });
    this.logger.log({ message: `survey points ${result.outcome}`, surveyEventId });
    return result;
  }

  /** The referrer of a converted, paid referral earns the referral bonus, in the settlement's transaction. */
  async earnForReferral(
    transaction: OutboxTransaction,
    referral: { id: string; referrerId: string; storeId: string },
    now: Date,
  ): Promise<void> {
    const bonus = this.config.loyalty.points.referralBonus;
    if (bonus === 0) return;
    const member = await this.points.lockMember(transaction.manager, referral.referrerId);
    if (!member) return;
    await this.credit(transaction, member, now, {
      kind: 'referral',
      reason: `referral:${referral.id}`,
      points: bonus,
      storeId: referral.storeId,
      sourceId: referral.id,
      detail: null,
    });
  }

  /**
   * A refund takes back the points its purchase earned, in proportion to what was paid back (never more than
   * the purchase earned, nor than the member still has), and gives back the points of a points voucher the
   * purchase paid with.
   */
  async reverseForRefund(refundEventId: string, now = new Date()): Promise<RefundPointsOutcome> {
    const result = await this.transactions.run(async (transaction): Promise<RefundPointsOutcome> => {
      const { manager } = transaction;
      const refund = await this.vouchers.findRefund(manager, refundEventId);
      if (!refund) return { outcome: 'missing-refund' };
      const member = await this.points.lockMember(manager, refund.customerId);
      if (!member) return { outcome: 'not-a-member' };
      if (await this.points.findByReason(manager, member.customerId, `refund:${refundEventId}`)) {
        return { outcome: 'already-reversed' };
      }
      // The refund waits for its purchase and the purchase's points (a retry, and the reconciler): taken
      // before they are earned, nothing would be taken back, and the purchase would then earn in full.
      const purchase = await this.customers.findPurchase(manager, refund.refundOf);
      if (!purchase)
        throw new Error(`refund ${refundEventId}: purchase ${refund.refundOf} is not stored yet`);
      const fromPurchase = await this.points.bySource(manager, member.customerId, refund.refundOf);
      const earned = sumOf(fromPurchase, 'purchase');
      if (earned === 0 && (await this.earns(transaction, member, purchase))) {
        throw new Error(
          `refund ${refundEventId}: the points of purchase ${refund.refundOf} are not decided yet`,
        );
      }
      const restored = await this.restoreVoucherPoints(transaction, member, refund, purchase, now);
      const alreadyTaken = -sumOf(fromPurchase, 'reversed');
      const wanted = Math.min(
        earned - alreadyTaken,
        proportionalPoints(earned, refund.amountMinor, purchase.amountMinor),
      );
      const balance = await this.liveBalance(transaction, member, now);
      const reversed = takeable(balance, wanted);
      if (reversed === 0 && restored === 0) return { outcome: 'nothing-to-reverse' };
      if (reversed > 0) {
        await this.points.insert(manager, [
          this.entry(member, now, {
            kind: 'reversed',
            reason: `refund:${refundEventId}`,
            points: -reversed,
            storeId: purchase.storeId,
            sourceId: refund.refundOf,
            detail: reversed < wanted ? `${wanted - reversed} already spent` : null,
          }),
        ]);
      }
      await this.tiers.review(transaction, member, now);
      return { outcome: 'reversed', reversed, restored, balance: balance - reversed };
    });
    this.logger.log({ message: `refund points ${result.outcome}`, refundEventId });
    return result;
  }

  /** For the reconciler: recent members' purchases and refunds whose points job was lost. */
  async jobsToReconcile(): Promise<JobRequest[]> {
    const { purchases, answers, refunds } = await this.points.undecided(
      this.dataSource.manager,
      reconcileWindow(RECONCILE_LOOK_BACK_MS),
      {
        amountPerPoint: this.config.loyalty.points.amountPerPoint,
        answers: this.config.loyalty.points.surveyBonus > 0,
        limit: RECONCILE_LIMIT,
      },
    );
    return [
      ...purchases.map((eventId) =>
        jobRequest('earn-points', `purchase:${eventId}`, { source: 'purchase', eventId }),
      ),
      ...answers.map((eventId) =>
        jobRequest('earn-points', `survey:${eventId}`, { source: 'survey', eventId }),
      ),
      ...refunds.map((refundEventId) => jobRequest('reverse-points', refundEventId, { refundEventId })),
    ];
  }

  /** Writes the entries of the member's lots that ran out, then answers what is left to spend. */
  async liveBalance(transaction: OutboxTransaction, member: PointsMember, now: Date): Promise<number> {
    const { manager } = transaction;
    const state = ledgerState(await this.points.entries(manager, member.customerId), now);
    await this.points.insert(
      manager,
      state.due.map((due) =>
        this.entry(
          member,
          due.expiresAt,
          {
            kind: 'expired',
            reason: `expired:${due.lotId}`,
            points: -due.points,
            storeId: member.storeId,
            sourceId: due.lotId,
            detail: null,
          },
          due.lotId,
        ),
      ),
    );
    return state.balance;
  }

  /** Writes a credit once, then decides the member's tier again. */
  private async credit(
    transaction: OutboxTransaction,
    member: PointsMember,
    now: Date,
    credit: Credit,
  ): Promise<EarnOutcome> {
    const balance = await this.liveBalance(transaction, member, now);
    const [written] = await this.points.insert(transaction.manager, [this.entry(member, now, credit)]);
    if (!written) return { outcome: 'already-earned' };
    await this.tiers.review(transaction, member, now);
    return { outcome: 'earned', points: written.points, balance: balance + written.points };
  }

  /** Whether the purchase earns points: the member's, after they joined, worth at least a point. */
  private async earns(
    transaction: OutboxTransaction,
    member: PointsMember,
    purchase: { occurredAt: Date; amountMinor: number; storeId: string },
  ): Promise<boolean> {
    if (purchase.occurredAt < member.joinedAt) return false;
    const store = await this.stores.of(transaction.manager, purchase.storeId);
    return purchase.amountMinor >= store.points.amountPerPoint;
  }

  /**
   * The points a refunded purchase's points voucher cost come back as a new lot, in proportion to what was
   * paid back (a returned cable gives back the cable's share, not the whole voucher), never more in all.
   */
  private async restoreVoucherPoints(
    transaction: OutboxTransaction,
    member: PointsMember,
    refund: { eventId: string; refundOf: string; amountMinor: number },
    purchase: { amountMinor: number },
    now: Date,
  ): Promise<number> {
    const { manager } = transaction;
    const rewardId = await this.vouchers.pointsVoucherOf(manager, refund.refundOf);
    if (!rewardId) return 0;
    const fromVoucher = await this.points.bySource(manager, member.customerId, rewardId);
    const spent = -sumOf(fromVoucher, 'spent');
    const share = Math.min(
      spent - sumOf(fromVoucher, 'restored'),
      proportionalPoints(spent, refund.amountMinor, purchase.amountMinor),
    );
    if (share <= 0) return 0;
    const [written] = await this.points.insert(manager, [
      this.entry(member, now, {
        kind: 'restored',
        reason: `restored:${rewardId}:${refund.eventId}`,
        points: share,
        storeId: member.storeId,
        sourceId: rewardId,
        detail: `refund ${refund.eventId}`,
      }),
    ]);
    return written?.points ?? 0;
  }

  /** An entry of the member's ledger, recorded at `at`; a credit's lot lives as long as the rules say. */
  entry(member: PointsMember, at: Date, credit: Credit, lotId: string | null = null): NewPointsEntry {
    const isLot = credit.points > 0;
    return {
      ...credit,
      customerId: member.customerId,
      occurredAt: at,
      expiresAt: isLot ? new Date(at.getTime() + this.config.loyalty.points.expiresAfterMs) : null,
      lotId,
    };
  }
}

function sumOf(entries: PointsEntryRecord[], kind: PointsEntryKind): number {
  return entries.filter((entry) => entry.kind === kind).reduce((sum, entry) => sum + entry.points, 0);
}
