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
import { LoyaltyLinks } from '../loyalty-links.js';
import { renderLoyaltyWelcome } from './loyalty-welcome.template.js';
import { voucherOf } from './voucher-email.js';

/** The new member's welcome: their voucher and their share link, kept in their inbox. */
@Injectable()
export class LoyaltyWelcomeRenderer extends RegisteredRenderer<'loyalty-welcome'> {
  readonly kind = 'loyalty-welcome';

  constructor(
    renderers: NotificationRenderers,
    private readonly dataSource: DataSource,
    private readonly loyalty: LoyaltyRepository,
    private readonly rewards: RewardRepository,
    private readonly stores: StorePolicies,
    private readonly links: LoyaltyLinks,
  ) {
    super(renderers);
  }

  async render(
    notification: NotificationOf<'loyalty-welcome'>,
    context: RenderContext,
  ): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const { customerId } = notification.subjectIds;
    const member = await this.loyalty.findMember(manager, customerId);
    const welcome = await this.rewards.findByReason(manager, customerId, 'welcome');
    if (!member || !welcome) throw new UnrecoverableError(`customer ${customerId} is not a member`);
    const store = await this.stores.of(manager, member.storeId);
    return renderLoyaltyWelcome({
      locale: notification.locale,
      timeZone: store.timeZone,
      customerName: notification.recipientName,
      storeName: store.name,
      voucher: voucherOf(welcome),
      referralCode: member.referralCode,
      shareUrl: this.links.shareUrl(member.referralCode),
      unsubscribeUrl: customerUnsubscribeUrl(notification, context),
    });
  }
}
