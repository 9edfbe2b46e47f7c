import { ApiTokenRepository } from './api-token.repository.js';
import { CaseHistoryRepository } from './case-history.repository.js';
import { CaseRepository } from './case.repository.js';
import { CustomerModelRepository } from './customer-model.repository.js';
import { CustomerRepository } from './customer.repository.js';
import { DeadLetterRepository } from './dead-letter.repository.js';
import { DirectoryRepository } from './directory.repository.js';
import { IngestRepository } from './ingest.repository.js';
import { LoyaltyRepository } from './loyalty.repository.js';
import { NotificationRepository } from './notification.repository.js';
import { NpsRepository } from './nps.repository.js';
import { OutboxRepository } from './outbox.repository.js';
import { ReferralRepository } from './referral.repository.js';
import { ReportRepository } from './report.repository.js';
import { RewardRepository } from './reward.repository.js';
import { SurveyAnswerRepository } from './survey-answer.repository.js';

export * from './api-token.repository.js';
export * from './case-history.repository.js';
export * from './case.repository.js';
export * from './customer-model.repository.js';
export * from './customer.repository.js';
export * from './dead-letter.repository.js';
export * from './directory.repository.js';
export * from './ingest.repository.js';
export * from './loyalty.repository.js';
export * from './notification.repository.js';
export * from './nps.repository.js';
export * from './outbox.repository.js';
export * from './referral.repository.js';
export * from './report.repository.js';
export * from './reward.repository.js';
export * from './survey-answer.repository.js';

export const REPOSITORIES = [
  ApiTokenRepository,
  CaseHistoryRepository,
  CaseRepository,
  CustomerModelRepository,
  CustomerRepository,
  DeadLetterRepository,
  DirectoryRepository,
  IngestRepository,
  LoyaltyRepository,
  NotificationRepository,
  NpsRepository,
  OutboxRepository,
  ReferralRepository,
  ReportRepository,
  RewardRepository,
  SurveyAnswerRepository,
];
