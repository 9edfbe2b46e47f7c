import { canSeeStore, type Principal } from '#access';
import { LADDER_CONFIG, type LadderConfig } from '#config';
import { LadderError, type PointsAccountDto, type PointsSpendRequest, type PointsSpendDto } from '#contracts';
import { CustomerModelService } from '#customer-model';
import { StorePolicies } from '#directory';
import { ledgerState, spendVerdict, tierFor, tierNamed } from '#domain';
import { TransactionalOutbox } from '#outbox';
import { PointsRepository, RewardRepository, type PointsEntryRecord, type RewardRecord } from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loyaltyEvent } from './loyalty-event.js';
import { PointsService } from './points.service.js';
import { rewardDetails, RewardService } from './reward.service.js';

const HISTORY_LIMIT = 100;
const HOUR = 3_600_000;

/**
 * A member's points as staff read and spend them (docs/promoter-loop.md, Points): the balance, the tier and
 * what the next one takes, the lots soonest to expire, the history; and points turned into a voucher, once
 * per request id, however often the till sends it.
 */
@Injectable()
export class PointsAccountService {
  private readonly logger = new Logger(PointsAccountService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionalOutbox,
    private readonly points: PointsRepository,
    private readonly rewards: RewardRepository,
    private readonly rewardService: RewardService,
    private readonly pointsService: PointsService,
    private readonly customerModel: CustomerModelService,
    private readonly stores: StorePolicies,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** The member's account; 404 for a customer who is not a member, or a member of another store's. */
  async account(customerId: string, principal: Principal, now = new Date()): Promise<PointsAccountDto> {
    const manager = this.dataSource.manager;
    const member = await this.points.findMember(manager, customerId);
    if (!member || !canSeeStore(principal, member.storeId)) throw LadderError.notFound('The member');
    const { tiers, tierWindowMs, points: rule } = this.config.loyalty;
    const [entries, windowPoints, store] = await Promise.all([
      this.points.entries(manager, customerId),
      this.points.tierPoints(manager, customerId, new Date(now.getTime() - tierWindowMs)),
      this.stores.of(manager, member.storeId),
    ]);
    const state = ledgerState(entries, now);
    // The history is the ledger already read (oldest first), newest first.
    const history = entries.slice(-HISTORY_LIMIT).reverse();
    const tier = tierNamed(member.tier, tiers);
    const next = tiers.find((candidate) => candidate.threshold > windowPoints) ?? null;
    const reached = tierFor(windowPoints, tiers);
    return {
      customerId,
      balance: state.balance,
      tier: tier && {
        name: tier.name,
        since: member.tierSince?.toISOString() ?? null,
        multiplier: tier.multiplier,
        slaHours: tier.slaMs === null ? null : tier.slaMs / HOUR,
      },
      windowPoints,
      windowDays: Math.round(tierWindowMs / (24 * HOUR)),
      nextTier:
        next && next.name !== reached?.name
          ? { name: next.name, threshold: next.threshold, pointsToGo: next.threshold - windowPoints }
          : null,
      expiring: state.lots.slice(0, 5).map((lot) => ({
        points: lot.remaining,
        expiresAt: lot.expiresAt.toISOString(),
      })),
      spending: {
        pointValueMinor: store.points.pointValueMinor,
        currency: store.points.currency,
        minimumSpend: rule.minimumSpend,
      },
      history: history.map(entryDto),
    };
  }

  /** Turns points into a voucher of the member's store; the same request id answers the same voucher. */
  async spend(
    customerId: string,
    request: PointsSpendRequest,
    principal: Principal,
    now = new Date(),
  ): Promise<PointsSpendDto> {
    const result = await this.transactions.run(async (transaction) => {
      const { manager } = transaction;
      const member = await this.points.lockMember(manager, customerId);
      if (!member || !canSeeStore(principal, member.storeId)) throw LadderError.notFound('The member');
      const reason = `points:${request.requestId}`;
      const earlier = await this.rewards.findByReason(manager, customerId, reason);
      const balance = await this.pointsService.liveBalance(transaction, member, now);
      if (earlier) return { voucher: earlier, balance, created: false };
      const rule = this.config.loyalty.points;
      const store = await this.stores.of(manager, member.storeId);
      const verdict = spendVerdict(request.points, balance, {
        ...rule,
        pointValueMinor: store.points.pointValueMinor,
      });
      if (!verdict.allowed) {
        throw new LadderError(
          'conflict',
          verdict.reason,
          verdict.reason === 'below-minimum'
            ? `A voucher takes at least ${rule.minimumSpend} points.`
            : `The member has ${verdict.balance} points, fewer than ${request.points}.`,
        );
      }
      const { reward } = await this.rewardService.issue(manager, {
        customerId,
        storeId: member.storeId,
        kind: 'points',
        reason,
        spec: {
          amountMinor: verdict.amountMinor,
          currency: store.points.currency,
          validForMs: rule.voucherValidForMs,
        },
        now,
      });
      await this.points.insert(manager, [
        this.pointsService.entry(member, now, {
          kind: 'spent',
          reason: `spent:${reward.id}`,
          points: -request.points,
          storeId: member.storeId,
          sourceId: reward.id,
          detail: reward.voucherCode.slice(0, 7),
        }),
      ]);
      await this.customerModel.recordEvents(transaction, [
        loyaltyEvent(customerId, 'reward-issued', member.storeId, rewardDetails(reward), now),
      ]);
      return { voucher: reward, balance: balance - request.points, created: true };
    });
    this.logger.log({ message: result.created ? 'points spent' : 'points spend repeated', customerId });
    return { voucher: voucherDto(result.voucher), balance: result.balance, created: result.created };
  }
}

function entryDto(entry: PointsEntryRecord): PointsAccountDto['history'][number] {
  return {
    id: entry.id,
    kind: entry.kind,
    points: entry.points,
    at: entry.occurredAt.toISOString(),
    expiresAt: entry.expiresAt?.toISOString() ?? null,
    storeId: entry.storeId,
    sourceId: entry.sourceId,
    detail: entry.detail,
  };
}

function voucherDto(reward: RewardRecord): PointsSpendDto['voucher'] {
  return {
    id: reward.id,
    voucherCode: reward.voucherCode,
    amountMinor: reward.amountMinor,
    currency: reward.currency,
    issuedAt: reward.issuedAt.toISOString(),
    expiresAt: reward.expiresAt.toISOString(),
  };
}
