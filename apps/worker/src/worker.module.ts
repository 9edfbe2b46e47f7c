import type { WorkerRole } from '#config';
import { CustomerModelModule } from '#customer-model';
import { DirectoryModule } from '#directory';
import { FollowUpModule } from '#follow-up';
import { IngestModule } from '#ingest';
import { LoyaltyModule } from '#loyalty';
import { NotificationsModule } from '#notifications';
import { ReportsModule } from '#reports';
import type { ProcessNames } from '#runtime';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { CustomerModelProcessor } from './customer-model/customer-model.processor.js';
import { FollowUpProcessor } from './follow-up/follow-up.processor.js';
import { LoyaltyProcessor } from './loyalty/loyalty.processor.js';
import { RelayOutboxProcessor } from './maintenance/relay-outbox.processor.js';
import { SendNotificationProcessor } from './notifications/send-notification.processor.js';
import { ReportsProcessor } from './reports/reports.processor.js';
import { ScoringConsumer } from './scoring/scoring.consumer.js';

interface Role {
  /** The library modules whose use cases the role runs, beyond those every process has. */
  imports?: Type[];
  /** Its Kafka consumers and BullMQ processors. */
  providers: Provider[];
}

/**
 * Which consumers and processors each role runs: LADDER_ROLES picks roles, so one process can run them all
 * or a large deployment can scale each role on its own. Every queue in the catalogue has a role here, so
 * no job waits for a worker that never comes.
 */
export const ROLES: Record<WorkerRole, Role> = {
  scoring: { imports: [IngestModule], providers: [ScoringConsumer] },
  'follow-up': { imports: [FollowUpModule], providers: [FollowUpProcessor] },
  loyalty: { imports: [LoyaltyModule], providers: [LoyaltyProcessor] },
  // The sender writes every kind of e-mail: each feature brings its renderers.
  notifications: {
    imports: [NotificationsModule, DirectoryModule, FollowUpModule, LoyaltyModule, ReportsModule],
    providers: [SendNotificationProcessor],
  },
  'customer-model': { imports: [CustomerModelModule], providers: [CustomerModelProcessor] },
  reports: { imports: [ReportsModule], providers: [ReportsProcessor] },
  maintenance: { providers: [RelayOutboxProcessor] },
};

/** The worker roles of this process as one module, to run alone or beside the API. */
@Module({})
export class WorkerRolesModule {
  static forRoles(roles: readonly WorkerRole[]): DynamicModule {
    const chosen = roles.map((role) => ROLES[role]);
    return {
      module: WorkerRolesModule,
      imports: [...new Set(chosen.flatMap((role) => role.imports ?? []))],
      providers: chosen.flatMap((role) => role.providers),
    };
  }
}

/** The worker roles on their own (`ladder worker`), named by the roles they run. */
export function workerNames(roles: readonly WorkerRole[]): ProcessNames {
  return { application: `ladder-worker:${roles.join(',')}`, logPrefix: 'Ladder worker' };
}
