import type { LadderConfig, WorkerRole } from '#config';
import { coreModules } from '#runtime';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CustomerModelProcessor } from './customer-model/customer-model.processor.js';
import { FollowUpService } from './follow-up/follow-up.service.js';
import { FollowUpProcessor } from './follow-up/follow-up.processor.js';
import { LoyaltyProcessor } from './loyalty/loyalty.processor.js';
import { LoyaltyInvitationService } from './loyalty/loyalty-invitation.service.js';
import { RelayOutboxProcessor } from './maintenance/relay-outbox.processor.js';
import { ReportsProcessor } from './reports/reports.processor.js';
import { NotificationSenderService } from './notifications/notification-sender.service.js';
import { SendNotificationProcessor } from './notifications/send-notification.processor.js';
import { ScoringConsumer } from './scoring/scoring.consumer.js';
import { ScoringService } from './scoring/scoring.service.js';

/**
 * Which consumers and processors each role runs: LADDER_ROLES picks roles, so one process can run them all
 * or a large deployment can scale each role on its own. Every queue in the catalogue has a role here, so
 * no job waits for a worker that never comes.
 */
export const ROLE_PROVIDERS: Record<WorkerRole, Provider[]> = {
  scoring: [ScoringService, ScoringConsumer],
  'follow-up': [FollowUpService, FollowUpProcessor],
  loyalty: [LoyaltyInvitationService, LoyaltyProcessor],
  notifications: [NotificationSenderService, SendNotificationProcessor],
  'customer-model': [CustomerModelProcessor],
  reports: [ReportsProcessor],
  maintenance: [RelayOutboxProcessor],
};

export function workerProviders(config: LadderConfig): Provider[] {
  return config.roles.flatMap((role) => ROLE_PROVIDERS[role]);
}

@Module({})
export class WorkerModule {
  static forConfig(config: LadderConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: coreModules(config, `ladder-worker:${config.roles.join(',')}`),
      providers: workerProviders(config),
    };
  }
}
