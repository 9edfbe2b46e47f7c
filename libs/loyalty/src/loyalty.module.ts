import { Global, Module } from '@nestjs/common';
import { CustomerReplyScheduler } from './customer-reply.service.js';
import { LoyaltyLinks } from './loyalty-links.js';
import { MembershipService } from './membership.service.js';
import { ReferralService } from './referral.service.js';
import { RewardService } from './reward.service.js';
import { UnsubscribeService } from './unsubscribe.service.js';

const SERVICES = [
  CustomerReplyScheduler,
  LoyaltyLinks,
  MembershipService,
  ReferralService,
  RewardService,
  UnsubscribeService,
];

@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class LoyaltyModule {}
