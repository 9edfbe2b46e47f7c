import { CustomerModelModule } from '#customer-model';
import { DirectoryModule } from '#directory';
import { NotificationsModule } from '#notifications';
import { Module } from '@nestjs/common';
import { CrossSellConversions } from './cross-sell-conversion.service.js';
import { CrossSellQueries } from './cross-sell-queries.service.js';
import { CrossSellService } from './cross-sell.service.js';
import { CustomerReplyScheduler } from './customer-reply.service.js';
import { CrossSellEmails } from './emails/cross-sell-emails.js';
import { LoyaltyEmails } from './emails/loyalty-emails.js';
import { InvitationService } from './invitation.service.js';
import { LoyaltyLinks } from './loyalty-links.js';
import { LoyaltyQueries } from './loyalty-queries.service.js';
import { MemberTierService } from './member-tiers.service.js';
import { MembershipService } from './membership.service.js';
import { PointsAccountService } from './points-account.service.js';
import { PointsReviewService } from './points-review.service.js';
import { PointsService } from './points.service.js';
import { PromoterThanksService } from './promoter-thanks.service.js';
import { ReferralService } from './referral.service.js';
import { RewardService } from './reward.service.js';
import { UnsubscribeService } from './unsubscribe.service.js';
import { VoucherRedemptionService } from './voucher-redemption.service.js';

const SERVICES = [
  CrossSellConversions,
  CrossSellQueries,
  CrossSellService,
  CustomerReplyScheduler,
  InvitationService,
  LoyaltyLinks,
  LoyaltyQueries,
  MemberTierService,
  MembershipService,
  PointsAccountService,
  PointsReviewService,
  PointsService,
  PromoterThanksService,
  ReferralService,
  RewardService,
  UnsubscribeService,
  VoucherRedemptionService,
];

/**
 * The promoter loop: invitations, membership, rewards, referrals, points and tiers, cross-sell offers,
 * unsubscribing, and their e-mails.
 */
@Module({
  imports: [CustomerModelModule, DirectoryModule, NotificationsModule],
  providers: [...SERVICES, LoyaltyEmails, CrossSellEmails],
  exports: SERVICES,
})
export class LoyaltyModule {}
