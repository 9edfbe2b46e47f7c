import { AnswerReportRepository } from './answer-report.repository.js';
import { ApiTokenRepository } from './api-token.repository.js';
import { CaseHistoryRepository } from './case-history.repository.js';
import { CaseRepository } from './case.repository.js';
import { CrossSellOfferRepository } from './cross-sell-offer.repository.js';
import { CrossSellRuleRepository } from './cross-sell-rule.repository.js';
import { CustomerContactRepository } from './customer-contact.repository.js';
import { CustomerEventRepository } from './customer-event.repository.js';
import { CustomerFactRepository } from './customer-fact.repository.js';
import { CustomerListRepository } from './customer-list.repository.js';
import { CustomerStateRepository } from './customer-state.repository.js';
import { CustomerRepository } from './customer.repository.js';
import { DeadLetterRepository } from './dead-letter.repository.js';
import { DirectoryRepository } from './directory.repository.js';
import { ErasureRepository } from './erasure.repository.js';
import { IngestRepository } from './ingest.repository.js';
import { LoyaltyRepository } from './loyalty.repository.js';
import { NotificationRepository } from './notification.repository.js';
import { NpsRepository } from './nps.repository.js';
import { OutboxRepository } from './outbox.repository.js';
import { PointsRepository } from './points.repository.js';
import { ReadModelRepository } from './read-model.repository.js';
import { ReferralRepository } from './referral.repository.js';
import { ReportRepository } from './report.repository.js';
import { RfmBoundaryRepository } from './rfm-boundary.repository.js';
import { RewardRepository } from './reward.repository.js';
import { SurveyAnswerRepository } from './survey-answer.repository.js';
import { VoucherRepository } from './voucher.repository.js';

export * from './answer-report.repository.js';
export * from './api-token.repository.js';
export * from './case-history.repository.js';
export * from './case.repository.js';
export * from './cross-sell-offer.repository.js';
export * from './cross-sell-rule.repository.js';
export * from './customer-contact.repository.js';
export * from './customer-event.repository.js';
export * from './customer-fact.repository.js';
export * from './customer-list.repository.js';
export * from './customer-state.repository.js';
export * from './customer.repository.js';
export * from './dead-letter.repository.js';
export * from './directory.repository.js';
export * from './erasure.repository.js';
export * from './ingest.repository.js';
export * from './loyalty.repository.js';
export * from './notification.repository.js';
export * from './nps.repository.js';
export * from './outbox.repository.js';
export * from './points.repository.js';
export * from './read-model.repository.js';
export * from './referral.repository.js';
export * from './report.repository.js';
export * from './rfm-boundary.repository.js';
export * from './reward.repository.js';
export * from './survey-answer.repository.js';
export * from './voucher.repository.js';

export const REPOSITORIES = [
  AnswerReportRepository,
  ApiTokenRepository,
  CaseHistoryRepository,
  CaseRepository,
  CrossSellOfferRepository,
  CrossSellRuleRepository,
  CustomerContactRepository,
  CustomerEventRepository,
  CustomerFactRepository,
  CustomerListRepository,
  CustomerStateRepository,
  CustomerRepository,
  DeadLetterRepository,
  DirectoryRepository,
  ErasureRepository,
  IngestRepository,
  LoyaltyRepository,
  NotificationRepository,
  NpsRepository,
  OutboxRepository,
  PointsRepository,
  ReadModelRepository,
  ReferralRepository,
  ReportRepository,
  RfmBoundaryRepository,
  RewardRepository,
  SurveyAnswerRepository,
  VoucherRepository,
];
