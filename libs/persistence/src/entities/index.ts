import { ApiTokenEntity } from './api-token.entity.js';
import { CaseAnswerEntity } from './case-answer.entity.js';
import { CaseHistoryEntity } from './case-history.entity.js';
import { CrossSellLearningEntity, CrossSellOfferEntity, CrossSellRuleEntity } from './cross-sell.entity.js';
import { CustomerContactEntity } from './customer-contact.entity.js';
import { CustomerEventEntity } from './customer-event.entity.js';
import { CustomerStateEntity } from './customer-state.entity.js';
import { CustomerEntity } from './customer.entity.js';
import { DeadLetterEntity } from './dead-letter.entity.js';
import { EmployeeEntity } from './employee.entity.js';
import { ErasureEntity } from './erasure.entity.js';
import { FollowUpCaseEntity } from './follow-up-case.entity.js';
import { LadderSecretEntity } from './ladder-secret.entity.js';
import { LeadEntity } from './lead.entity.js';
import { LoyaltyInvitationEntity } from './loyalty-invitation.entity.js';
import { LoyaltyMemberEntity } from './loyalty-member.entity.js';
import { NotificationEntity } from './notification.entity.js';
import { NpsDailyEntity } from './nps-daily.entity.js';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import { ProcessedEventEntity } from './processed-event.entity.js';
import { PurchaseEntity } from './purchase.entity.js';
import { ReferralEntity } from './referral.entity.js';
import { RefundEntity } from './refund.entity.js';
import { RegionEntity } from './region.entity.js';
import { RewardEntity } from './reward.entity.js';
import { RfmBoundaryEntity } from './rfm-boundary.entity.js';
import { StoreEntity } from './store.entity.js';
import { SurveyAnswerEntity } from './survey-answer.entity.js';
import { PointsEntryEntity } from './points-entry.entity.js';
import { VoucherRedemptionEntity } from './voucher-redemption.entity.js';

export {
  ApiTokenEntity,
  CaseAnswerEntity,
  CrossSellLearningEntity,
  CrossSellOfferEntity,
  CrossSellRuleEntity,
  CustomerContactEntity,
  CustomerEventEntity,
  CustomerStateEntity,
  CaseHistoryEntity,
  CustomerEntity,
  DeadLetterEntity,
  EmployeeEntity,
  ErasureEntity,
  FollowUpCaseEntity,
  LadderSecretEntity,
  LeadEntity,
  LoyaltyInvitationEntity,
  LoyaltyMemberEntity,
  NotificationEntity,
  NpsDailyEntity,
  OutboxMessageEntity,
  PointsEntryEntity,
  ProcessedEventEntity,
  PurchaseEntity,
  ReferralEntity,
  RefundEntity,
  RegionEntity,
  RewardEntity,
  RfmBoundaryEntity,
  StoreEntity,
  SurveyAnswerEntity,
  VoucherRedemptionEntity,
};
export * from './notification.entity.js';
export * from './voucher-redemption.entity.js';

export const ENTITIES = [
  ProcessedEventEntity,
  CustomerEntity,
  RegionEntity,
  StoreEntity,
  EmployeeEntity,
  SurveyAnswerEntity,
  PurchaseEntity,
  LeadEntity,
  NpsDailyEntity,
  FollowUpCaseEntity,
  CaseAnswerEntity,
  CaseHistoryEntity,
  LoyaltyInvitationEntity,
  NotificationEntity,
  OutboxMessageEntity,
  DeadLetterEntity,
  CustomerStateEntity,
  CustomerEventEntity,
  CustomerContactEntity,
  RfmBoundaryEntity,
  ApiTokenEntity,
  LoyaltyMemberEntity,
  ReferralEntity,
  RewardEntity,
  LadderSecretEntity,
  ErasureEntity,
  RefundEntity,
  VoucherRedemptionEntity,
  PointsEntryEntity,
  CrossSellLearningEntity,
  CrossSellRuleEntity,
  CrossSellOfferEntity,
];
