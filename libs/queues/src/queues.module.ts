import { LADDER_CONFIG, type LadderConfig } from '#config';
import { QUEUE_NAMES } from '#contracts';
import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { jobOptions } from './job-options.js';
import { JobQueueService } from './job-queue.service.js';
import { Reconciler } from './reconciler.js';

/** Redis connection settings for BullMQ: commands wait for a reconnect instead of failing a job. */
export function bullConnection(config: LadderConfig) {
  return { url: config.redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: true };
}

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [LADDER_CONFIG],
      useFactory: (config: LadderConfig) => ({
        connection: bullConnection(config),
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueueAsync(
      ...QUEUE_NAMES.map((name) => ({
        name,
        inject: [LADDER_CONFIG],
        useFactory: (config: LadderConfig) => ({ defaultJobOptions: jobOptions(name, config.resilience) }),
      })),
    ),
  ],
  providers: [JobQueueService, Reconciler],
  exports: [JobQueueService, Reconciler, BullModule],
})
export class QueuesModule {}
