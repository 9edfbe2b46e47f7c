import { CustomerModelService } from '#customer-model';
import { OutboxRelayService } from '#outbox';
import {
  CustomerRepository,
  DirectoryRepository,
  LoyaltyRepository,
  OutboxRepository,
  RewardRepository,
  type MemberRecord,
  type RewardRecord,
} from '#persistence';
import { LADDER_CONFIG, type LadderConfig } from '#config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomerReplyScheduler } from './customer-reply.service.js';
import { loyaltyEvent } from './loyalty-event.js';
import { rewardDetails, RewardService } from './reward.service.js';

export type JoinResult =
  | {
      outcome: 'joined' | 'already-member';
      member: MemberRecord;
      welcome: RewardRecord | null;
      customerName: string | null;
      /** The customer's language, or the store's. */
      locale: string;
      storeName: string;
      /** The store's time zone, for the dates the customer reads. */
      timeZone: string;
    }
  | { outcome: 'not-invited' };

/**
 * Joining the loyalty club through the invitation's link (docs/promoter-loop.md). Idempotent: the second
 * click shows the same membership and the same welcome voucher; nothing is issued or sent twice.
 */
@Injectable()
export class MembershipService {
  private readonly logger = new Logger(MembershipService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly loyalty: LoyaltyRepository,
    private readonly rewards: RewardRepository,
    private readonly rewardService: RewardService,
    private readonly customers: CustomerRepository,
    private readonly directory: DirectoryRepository,
    private readonly customerModel: CustomerModelService,
    private readonly replies: CustomerReplyScheduler,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async join(customerId: string, now = new Date()): Promise<JoinResult> {
    const { result, outboxIds } = await this.dataSource.transaction(async (manager) => {
      const invitation = await this.loyalty.lockInvitation(manager, customerId);
      if (!invitation) return { result: { outcome: 'not-invited' as const }, outboxIds: [] as string[] };
      const customer = await this.customers.find(manager, customerId);
      const store = await this.directory.findStore(manager, invitation.storeId);
      const context = {
        customerName: customer?.name ?? null,
        locale: customer?.locale ?? store?.locale ?? 'en',
        storeName: store?.name ?? invitation.storeId,
        timeZone: store?.timezone ?? this.config.defaultTimeZone,
      };
      const joined = await this.loyalty.insertMember(manager, {
        customerId,
        storeId: invitation.storeId,
        referralCode: invitation.referralCode,
      });
      if (!joined) {
        const member = (await this.loyalty.findMember(manager, customerId))!;
        const welcome = await this.rewards.findByReason(manager, customerId, 'welcome');
        return { result: { outcome: 'already-member' as const, member, welcome, ...context }, outboxIds: [] };
      }
      const { reward } = await this.rewardService.issue(manager, {
        customerId,
        storeId: joined.storeId,
        kind: 'welcome',
        reason: 'welcome',
        now,
      });
      const events = await this.customerModel.recordEvents(manager, [
        loyaltyEvent(
          customerId,
          'loyalty-joined',
          joined.storeId,
          { referralCode: joined.referralCode },
          joined.joinedAt,
        ),
        loyaltyEvent(customerId, 'reward-issued', joined.storeId, rewardDetails(reward), reward.issuedAt),
      ]);
      // The welcome e-mail keeps the voucher and the share link in the customer's inbox.
      const welcome = await this.replies.schedule(
        manager,
        customer,
        {
          kind: 'loyalty-welcome',
          key: `loyalty-welcome:${customerId}`,
          locale: context.locale,
          subjectIds: { customerId },
        },
        now,
      );
      const outboxIds = await this.outbox.append(manager, [...events, ...welcome]);
      return {
        result: { outcome: 'joined' as const, member: joined, welcome: reward, ...context },
        outboxIds,
      };
    });
    await this.relay.publishNow(outboxIds);
    this.logger.log({ message: `loyalty club ${result.outcome}`, customerId });
    return result;
  }
}
