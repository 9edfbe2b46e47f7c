import { LADDER_CONFIG, type LadderConfig } from '#config';
import { CustomerModelService } from '#customer-model';
import { StorePolicies } from '#directory';
import { tierMove, tierNamed, type TierMove } from '#domain';
import type { OutboxTransaction } from '#outbox';
import { CustomerRepository, PointsRepository, type PointsMember } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { CustomerReplyScheduler } from './customer-reply.service.js';
import { loyaltyEvent } from './loyalty-event.js';
import { rewardDetails, RewardService } from './reward.service.js';

/**
 * A member's tier (docs/promoter-loop.md, Tiers), decided from the points they earned within the tier window
 * whenever their ledger changes and by the hourly sweep (a window leaves old points behind). A move is a
 * `tier-changed` event; reaching a tier for the first time also hands over its free consultation voucher by
 * e-mail. Runs in the caller's transaction, with the member locked.
 */
@Injectable()
export class MemberTierService {
  constructor(
    private readonly points: PointsRepository,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly rewards: RewardService,
    private readonly customerModel: CustomerModelService,
    private readonly replies: CustomerReplyScheduler,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async review(transaction: OutboxTransaction, member: PointsMember, now: Date): Promise<TierMove | null> {
    const { manager } = transaction;
    const { tiers, tierWindowMs } = this.config.loyalty;
    const windowPoints = await this.points.tierPoints(
      manager,
      member.customerId,
      new Date(now.getTime() - tierWindowMs),
    );
    const move = tierMove(member.tier, windowPoints, tiers);
    if (!move) return null;
    await this.points.setTier(manager, member.customerId, move.to, now);
    const events = [
      loyaltyEvent(
        member.customerId,
        'tier-changed',
        member.storeId,
        { from: move.from, to: move.to, direction: move.direction, windowPoints },
        now,
      ),
    ];
    const reached = move.direction === 'up' ? tierNamed(move.to, tiers) : null;
    if (reached) {
      const store = await this.stores.of(manager, member.storeId);
      // One consultation per tier, ever: falling and climbing again gives the tier back, not a second voucher.
      const { reward, created } = await this.rewards.issue(manager, {
        customerId: member.customerId,
        storeId: member.storeId,
        kind: 'consultation',
        reason: `tier:${reached.name}`,
        spec: store.rewards.consultation,
        now,
      });
      if (created) {
        events.push(
          loyaltyEvent(member.customerId, 'reward-issued', member.storeId, rewardDetails(reward), now),
        );
        const customer = await this.customers.find(manager, member.customerId);
        await this.replies.schedule(
          transaction,
          customer,
          {
            kind: 'tier-reached',
            key: `tier-reached:${member.customerId}:${reached.name}`,
            locale: StorePolicies.customerLocale(customer?.locale, store),
            subjectIds: { customerId: member.customerId, rewardId: reward.id, tier: reached.name },
          },
          now,
        );
      }
    }
    await this.customerModel.recordEvents(transaction, events);
    member.tier = move.to;
    member.tierSince = now;
    return move;
  }
}
