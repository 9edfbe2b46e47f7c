import type { JobRequest } from '#contracts';
import { OutboxRelayService } from '#outbox';
import { CatalogueProcessor, workerOptions, type JobHandlers, type Schedule } from '#queues';
import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/** How often the outbox is swept for messages a crash or an outage left behind. */
export const OUTBOX_SWEEP_EVERY_MS = 15_000;
/** Published outbox rows are kept this long for troubleshooting, then deleted. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 3_600_000;

@Processor('maintenance', workerOptions('maintenance'))
export class RelayOutboxProcessor extends CatalogueProcessor<'maintenance'> {
  private readonly logger = new Logger(RelayOutboxProcessor.name);

  protected readonly handlers: JobHandlers<'maintenance'> = {
    'relay-outbox': async () => {
      const report = await this.relay.publishPending();
      const purged = await this.relay.purgePublished(OUTBOX_RETENTION_MS);
      if (report.published > 0 || report.parked > 0)
        this.logger.log({ message: 'outbox sweep published left-over messages', ...report, purged });
      return { ...report, purged };
    },
  };

  constructor(private readonly relay: OutboxRelayService) {
    super();
  }

  /** The sweep also runs from the reconciler, so the outbox drains even while Redis holds no schedule. */
  protected override async reconcile(): Promise<JobRequest[]> {
    const report = await this.relay.publishPending();
    if (report.published > 0 || report.parked > 0)
      this.logger.log({ message: 'reconciler published left-over outbox messages', ...report });
    return [];
  }

  protected override schedules(): Array<Schedule<'maintenance'>> {
    return [{ name: 'relay-outbox', everyMs: OUTBOX_SWEEP_EVERY_MS, data: {} }];
  }
}
