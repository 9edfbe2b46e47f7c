import { CustomerModelService } from '#customer-model';
import { TransactionalOutbox } from '#outbox';
import { StorePolicies } from '#directory';
import {
  CustomerRepository,
  LoyaltyRepository,
  type CustomerRecord,
  RewardRepository,
  type MemberRecord,
  type RewardRecord,
} from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

/** What the join link's page shows before any click: the membership if there is one, else the question. */
export type InvitationStatus =
  | (Omit<Extract<JoinResult, { member: MemberRecord }>, 'outcome'> & { outcome: 'already-member' })
  | {
      outcome: 'invited';
      customerName: string | null;
      locale: string;
      storeName: string;
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
    private readonly transactions: TransactionalOutbox,
    private readonly loyalty: LoyaltyRepository,
    private readonly rewards: RewardRepository,
    private readonly rewardService: RewardService,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly customerModel: CustomerModelService,
    private readonly replies: CustomerReplyScheduler,
  ) {}

  /**
   * Reads, and changes nothing: opening the link (or a mail scanner prefetching it) joins no one. A
   * member sees their membership; anyone else invited is asked to join with one click.
   */
  async status(customerId: string): Promise<InvitationStatus> {
    const manager = this.dataSource.manager;
    const invitation = await this.loyalty.findInvitation(manager, customerId);
    if (!invitation) return { outcome: 'not-invited' };
    const customer = await this.customers.find(manager, customerId);
    const context = await this.pageContext(manager, customer, invitation.storeId);
    const member = await this.loyalty.findMember(manager, customerId);
    if (!member) return { outcome: 'invited', ...context };
    const welcome = await this.rewards.findByReason(manager, customerId, 'welcome');
    return { outcome: 'already-member', member, welcome, ...context };
  }

  async join(customerId: string, now = new Date()): Promise<JoinResult> {
    const result = await this.transactions.run(async (transaction): Promise<JoinResult> => {
      const { manager } = transaction;
      const invitation = await this.loyalty.lockInvitation(manager, customerId);
      if (!invitation) return { outcome: 'not-invited' };
      const customer = await this.customers.find(manager, customerId);
      const context = await this.pageContext(manager, customer, invitation.storeId);
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

  /** Who the page greets, in which language, for which store. */
  private async pageContext(manager: EntityManager, customer: CustomerRecord | null, storeId: string) {
    const store = await this.stores.of(manager, storeId);
    return {
      customerName: customer?.name ?? null,
      locale: StorePolicies.customerLocale(customer?.locale, store),
      storeName: store.label,
      timeZone: store.timeZone,
    };
  }
}
