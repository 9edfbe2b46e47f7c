import { CustomerModelService } from '#customer-model';
import { TransactionalOutbox } from '#outbox';
import { StorePolicies } from '#directory';
import {
  CustomerRepository,
  LoyaltyRepository,
  RewardRepository,
  type MemberRecord,
  type RewardRecord,
} from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
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
    private readonly transactions: TransactionalOutbox,
    private readonly loyalty: LoyaltyRepository,
    private readonly rewards: RewardRepository,
    private readonly rewardService: RewardService,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly customerModel: CustomerModelService,
    private readonly replies: CustomerReplyScheduler,
  ) {}

  async join(customerId: string, now = new Date()): Promise<JoinResult> {
    const result = await this.transactions.run(async (transaction): Promise<JoinResult> => {
      const { manager } = transaction;
      const invitation = await this.loyalty.lockInvitation(manager, customerId);
      if (!invitation) return { outcome: 'not-invited' };
      const customer = await this.customers.find(manager, customerId);
      const store = await this.stores.of(manager, invitation.storeId);
      const context = {
        customerName: customer?.name ?? null,
        locale: StorePolicies.customerLocale(customer?.locale, store),
        storeName: store.label,
        timeZone: store.timeZone,
      };
      const joined = await this.loyalty.insertMember(manager, {
        customerId,
        storeId: invitation.storeId,
        referralCode: invitation.referralCode,
      });
      if (!joined) {
        const member = (await this.loyalty.findMember(manager, customerId))!;
        const welcome = await this.rewards.findByReason(manager, customerId, 'welcome');
        return { outcome: 'already-member', member, welcome, ...context };
      }
      const { reward } = await this.rewardService.issue(manager, {
        customerId,
        storeId: joined.storeId,
        kind: 'welcome',
        reason: 'welcome',
        now,
      });
      await this.customerModel.recordEvents(transaction, [
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
      await this.replies.schedule(
        transaction,
        customer,
        {
          kind: 'loyalty-welcome',
          key: `loyalty-welcome:${customerId}`,
          locale: context.locale,
          subjectIds: { customerId },
        },
        now,
      );
      return { outcome: 'joined', member: joined, welcome: reward, ...context };
    });
    this.logger.log({ message: `loyalty club ${result.outcome}`, customerId });
    return result;
  }
}
