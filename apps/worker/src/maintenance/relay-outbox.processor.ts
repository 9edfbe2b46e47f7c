import { jobId } from '#contracts';
import { OutboxRelayService } from '#outbox';
import { WORKER_CONCURRENCY } from '#queues';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';

/** How often the outbox is swept for messages a crash or an outage left behind. */
export const OUTBOX_SWEEP_EVERY_MS = 15_000;
/** Published outbox rows are kept this long for troubleshooting, then deleted. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 3_600_000;

@Processor('maintenance', { concurrency: WORKER_CONCURRENCY.maintenance })
export class RelayOutboxProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RelayOutboxProcessor.name);

  constructor(
    private readonly relay: OutboxRelayService,
    @InjectQueue('maintenance') private readonly queue: Queue,
  ) {
    super();
  }

  /** One scheduler for the whole deployment: upserting it from every replica changes nothing. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      jobId('relay-outbox', 'schedule'),
      { every: OUTBOX_SWEEP_EVERY_MS },
      { name: 'relay-outbox', data: {} },
    );
  }

  async process(job: Job): Promise<{ published: number; purged: number }> {
    if (job.name !== 'relay-outbox') throw new UnrecoverableError(`unknown job ${job.name}`);
    const published = await this.relay.publishPending();
    const purged = await this.relay.purgePublished(OUTBOX_RETENTION_MS);
    if (published > 0)
      this.logger.log({ message: 'outbox sweep published left-over messages', published, purged });
    return { published, purged };
  }
}
