import { StorePolicies } from '#directory';
import type { RenderedEmail } from '#mail';
import {
  customerUnsubscribeUrl,
  NotificationRenderers,
  type NotificationOf,
  type RenderContext,
} from '#notifications';
import { LoyaltyRepository, RewardRepository, SurveyAnswerRepository } from '#persistence';
import { LADDER_CONFIG, type LadderConfig } from '#config';
import { tierNamed } from '#domain';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { LoyaltyLinks } from '../loyalty-links.js';
import { renderLoyaltyInvitation } from './loyalty-invitation.template.js';
import { renderLoyaltyWelcome } from './loyalty-welcome.template.js';
import { renderPromoterThanks } from './promoter-thanks.template.js';
import { renderReferralReward } from './referral-reward.template.js';
import { renderTierReached } from './tier-reached.template.js';
import { voucherOf } from './voucher-email.js';

/**
 * The promoter loop's e-mails: the invitation to the club with the signed join link, the new member's
 * welcome voucher with their share link, the referrer's reward, the thank-you for a promoter who gave no
 * marketing consent, and a member's new tier with its consultation voucher.
 */
@Injectable()
export class LoyaltyEmails implements OnModuleInit {
  constructor(
    private readonly renderers: NotificationRenderers,
    private readonly dataSource: DataSource,
    private readonly loyalty: LoyaltyRepository,
    private readonly rewards: RewardRepository,
    private readonly answers: SurveyAnswerRepository,
    private readonly stores: StorePolicies,
    private readonly links: LoyaltyLinks,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  onModuleInit(): void {
    this.renderers.register({
      'loyalty-invitation': (notification, context) => this.invitation(notification, context),
      'loyalty-welcome': (notification, context) => this.welcome(notification, context),
      'referral-reward': (notification, context) => this.referralReward(notification, context),
      'promoter-thanks': (notification, context) => this.thanks(notification, context),
      'tier-reached': (notification, context) => this.tierReached(notification, context),
    });
  }

  private async tierReached(
    notification: NotificationOf<'tier-reached'>,
    context: RenderContext,
  ): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const { customerId, rewardId } = notification.subjectIds;
    const [reward, member] = await Promise.all([
      this.rewards.find(manager, rewardId),
      this.loyalty.findMember(manager, customerId),
    ]);
    if (!reward || !member) throw new UnrecoverableError(`reward ${rewardId} does not exist`);
    const store = await this.stores.of(manager, reward.storeId);
    const tier = tierNamed(notification.subjectIds.tier, this.config.loyalty.tiers);
    return renderTierReached({
      locale: notification.locale,
      timeZone: store.timeZone,
      customerName: notification.recipientName,
      storeName: store.name,
      voucher: voucherOf(reward),
      referralCode: member.referralCode,
      tier: notification.subjectIds.tier,
      multiplier: tier?.multiplier ?? 1,
      slaHours: tier && tier.slaMs !== null ? Math.round(tier.slaMs / 3_600_000) : null,
      unsubscribeUrl: customerUnsubscribeUrl(notification, context),
    });
  }

  private async thanks(
    notification: NotificationOf<'promoter-thanks'>,
    context: RenderContext,
  ): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const answer = await this.answers.find(manager, notification.subjectIds.surveyEventId);
    if (!answer)
      throw new UnrecoverableError(`answer ${notification.subjectIds.surveyEventId} does not exist`);
    const store = await this.stores.of(manager, answer.storeId);
    return renderPromoterThanks({
      locale: notification.locale,
      customerName: notification.recipientName,
      storeName: store.name,
      score: answer.score,
      unsubscribeUrl: customerUnsubscribeUrl(notification, context),
    });
  }

  private async invitation(
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

  private async welcome(
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

  private async referralReward(
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
