import { StorePolicies } from '#directory';
import type { RenderedEmail } from '#mail';
import {
  customerUnsubscribeUrl,
  NotificationRenderers,
  RegisteredRenderer,
  type NotificationOf,
  type RenderContext,
} from '#notifications';
import { LoyaltyRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { LoyaltyLinks } from '../loyalty-links.js';
import { renderLoyaltyInvitation } from './loyalty-invitation.template.js';

/** The promoter's invitation to the club: their referral code and the signed link that makes them a member. */
@Injectable()
export class LoyaltyInvitationRenderer extends RegisteredRenderer<'loyalty-invitation'> {
  readonly kind = 'loyalty-invitation';

  constructor(
    renderers: NotificationRenderers,
    private readonly dataSource: DataSource,
    private readonly loyalty: LoyaltyRepository,
    private readonly stores: StorePolicies,
    private readonly links: LoyaltyLinks,
  ) {
    super(renderers);
  }

  async render(
    notification: NotificationOf<'loyalty-invitation'>,
    context: RenderContext,
  ): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const { customerId } = notification.subjectIds;
    const invitation = await this.loyalty.findInvitation(manager, customerId);
    if (!invitation) throw new UnrecoverableError(`customer ${customerId} has no invitation`);
    const store = await this.stores.of(manager, invitation.storeId);
    const join = this.links.join(customerId, invitation.invitedAt, store.timeZone);
    return renderLoyaltyInvitation({
      locale: notification.locale,
      timeZone: store.timeZone,
      customerName: notification.recipientName,
      storeName: store.name,
      referralCode: invitation.referralCode,
      joinUrl: join.url,
      joinBy: join.expiresAt,
      unsubscribeUrl: customerUnsubscribeUrl(notification, context),
    });
  }
}
