import { StorePolicies } from '#directory';
import type { RenderedEmail } from '#mail';
import {
  customerUnsubscribeUrl,
  NotificationRenderers,
  type NotificationOf,
  type RenderContext,
} from '#notifications';
import { CrossSellOfferRepository, RewardRepository } from '#persistence';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { renderCrossSellOffer } from './cross-sell-offer.template.js';
import { voucherOf } from './voucher-email.js';

/** The cross-sell offer's e-mail, written from the offer and its voucher as they are when it is sent. */
@Injectable()
export class CrossSellEmails implements OnModuleInit {
  constructor(
    private readonly renderers: NotificationRenderers,
    private readonly dataSource: DataSource,
    private readonly offers: CrossSellOfferRepository,
    private readonly rewards: RewardRepository,
    private readonly stores: StorePolicies,
  ) {}

  onModuleInit(): void {
    this.renderers.register({
      'cross-sell-offer': (notification, context) => this.offer(notification, context),
    });
  }

  private async offer(
    notification: NotificationOf<'cross-sell-offer'>,
    context: RenderContext,
  ): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const offer = await this.offers.find(manager, notification.subjectIds.offerId);
    const reward = offer ? await this.rewards.find(manager, offer.rewardId) : null;
    if (!offer || !reward)
      throw new UnrecoverableError(`cross-sell offer ${notification.subjectIds.offerId} does not exist`);
    const store = await this.stores.of(manager, offer.storeId);
    return renderCrossSellOffer({
      locale: notification.locale,
      timeZone: store.timeZone,
      customerName: notification.recipientName,
      storeName: store.name,
      bought: offer.antecedent,
      category: offer.category,
      voucher: voucherOf(reward),
      unsubscribeUrl: customerUnsubscribeUrl(notification, context),
    });
  }
}
