import { LADDER_CONFIG, type LadderConfig } from '#config';
import { QUEUE_NAMES } from '#contracts';
import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { JOB_OPTIONS } from './job-options.js';
import { JobQueueService } from './job-queue.service.js';

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
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name, defaultJobOptions: JOB_OPTIONS[name] }))),
  ],
  providers: [JobQueueService],
  exports: [JobQueueService, BullModule],
})
export class QueuesModule {}
