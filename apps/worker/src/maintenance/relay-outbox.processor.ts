import { OutboxRelayService } from '#outbox';
import { CatalogueProcessor, JobQueueService, WORKER_CONCURRENCY, type JobHandlers } from '#queues';
import { Processor } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';

/** How often the outbox is swept for messages a crash or an outage left behind. */
export const OUTBOX_SWEEP_EVERY_MS = 15_000;
/** Published outbox rows are kept this long for troubleshooting, then deleted. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 3_600_000;

@Processor('maintenance', { concurrency: WORKER_CONCURRENCY.maintenance })
export class RelayOutboxProcessor
  extends CatalogueProcessor<'maintenance'>
  implements OnApplicationBootstrap
{
  private readonly logger = new Logger(RelayOutboxProcessor.name);

  protected readonly handlers: JobHandlers<'maintenance'> = {
    'relay-outbox': async () => {
      const published = await this.relay.publishPending();
      const purged = await this.relay.purgePublished(OUTBOX_RETENTION_MS);
      if (published > 0)
        this.logger.log({ message: 'outbox sweep published left-over messages', published, purged });
      return { published, purged };
    },
  };

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly jobs: JobQueueService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.scheduleEvery('relay-outbox', OUTBOX_SWEEP_EVERY_MS, {});
  }
}
