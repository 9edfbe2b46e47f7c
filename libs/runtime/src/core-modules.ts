import { ConfigModule, type LadderConfig } from '#config';
import { DirectoryModule } from '#directory';
import { MessagingModule } from '#messaging';
import { ObservabilityModule } from '#observability';
import { OutboxModule } from '#outbox';
import { PersistenceModule, type PersistenceOptions } from '#persistence';
import { QueuesModule } from '#queues';
import type { DynamicModule, Type } from '@nestjs/common';

/**
 * The infrastructure every Ladder process runs on, global because every feature needs it: configuration,
 * metrics and health checks, the database, Kafka, the queues and the outbox relay; and the directory, which every process imports
 * from LADDER_DIRECTORY at start. Feature modules are imported by what uses them.
 */
export function coreModules(
  config: LadderConfig,
  applicationName: string,
  persistence: PersistenceOptions = {},
): Array<DynamicModule | Type> {
  return [
    ConfigModule.forConfig(config),
    ObservabilityModule,
    PersistenceModule.forRoot(applicationName, persistence),
    MessagingModule,
    QueuesModule,
    OutboxModule,
    DirectoryModule,
  ];
}
