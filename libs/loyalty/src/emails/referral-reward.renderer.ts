import { StorePolicies } from '#directory';
import type { RenderedEmail } from '#mail';
import {
  customerUnsubscribeUrl,
  NotificationRenderers,
  RegisteredRenderer,
  type NotificationOf,
  type RenderContext,
} from '#notifications';
import { LoyaltyRepository, RewardRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { renderReferralReward } from './referral-reward.template.js';
import { voucherOf } from './voucher-email.js';

/** Thanks a referrer whose friend bought: their reward voucher. */
@Injectable()
export class ReferralRewardRenderer extends RegisteredRenderer<'referral-reward'> {
  readonly kind = 'referral-reward';

  constructor(
    renderers: NotificationRenderers,
    private readonly dataSource: DataSource,
    private readonly loyalty: LoyaltyRepository,
    private readonly rewards: RewardRepository,
    private readonly stores: StorePolicies,
  ) {
    super(renderers);
  }

  async render(
    notification: NotificationOf<'referral-reward'>,
    context: RenderContext,
  ): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const { customerId, rewardId } = notification.subjectIds;
    const reward = await this.rewards.find(manager, rewardId);
    const invitation = await this.loyalty.findInvitation(manager, customerId);
    if (!reward || !invitation) throw new UnrecoverableError(`reward ${rewardId} does not exist`);
    const store = await this.stores.of(manager, reward.storeId);
    return renderReferralReward({
      locale: notification.locale,
      timeZone: store.timeZone,
      customerName: notification.recipientName,
      storeName: store.name,
      voucher: voucherOf(reward),
      referralCode: invitation.referralCode,
      unsubscribeUrl: customerUnsubscribeUrl(notification, context),
    });
  }
}
