import { ConfigModule, type LadderConfig } from '#config';
import { CustomerModelModule } from '#customer-model';
import { FollowUpModule } from '#follow-up';
import { LoyaltyModule } from '#loyalty';
import { ReportsModule } from '#reports';
import { DirectoryModule } from '#directory';
import { MailModule } from '#mail';
import { MessagingModule } from '#messaging';
import { OutboxModule } from '#outbox';
import { PersistenceModule } from '#persistence';
import { QueuesModule } from '#queues';
import type { DynamicModule, Type } from '@nestjs/common';

/**
 * The infrastructure every Ladder application runs on: configuration, the database, Kafka, the queues,
 * the outbox relay, the directory and mail. Imported once per process, whichever apps it serves.
 */
export function coreModules(config: LadderConfig, applicationName: string): Array<DynamicModule | Type> {
  return [
    ConfigModule.forConfig(config),
    PersistenceModule.forRoot(applicationName),
    MessagingModule,
    QueuesModule,
    OutboxModule,
    DirectoryModule,
    MailModule,
    CustomerModelModule,
    FollowUpModule,
    LoyaltyModule,
    ReportsModule,
  ];
}
