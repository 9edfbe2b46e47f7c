import { LADDER_CONFIG, type LadderConfig } from '#config';
import { CustomerSweepsService } from '#customer-model';
import { CatalogueProcessor, JobQueueService, WORKER_CONCURRENCY, type JobHandlers } from '#queues';
import { Processor } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';

/** The customer model's long jobs: the time sweep and the RFM recompute, each reporting its progress. */
@Processor('customer-model', { concurrency: WORKER_CONCURRENCY['customer-model'] })
export class CustomerModelProcessor
  extends CatalogueProcessor<'customer-model'>
  implements OnApplicationBootstrap
{
  protected readonly handlers: JobHandlers<'customer-model'> = {
    'review-customers': (job) => this.sweeps.reviewDueCustomers(progressOf(job)),
    'recompute-segments': (job) => this.sweeps.recomputeSegments(progressOf(job)),
  };

  constructor(
    private readonly sweeps: CustomerSweepsService,
    private readonly jobs: JobQueueService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.scheduleEvery('review-customers', this.config.customerModel.reviewEveryMs, {});
    await this.jobs.scheduleEvery('recompute-segments', this.config.customerModel.segmentsEveryMs, {
      requestedBy: null,
    });
  }
}

function progressOf(job: Job) {
  return (done: number, total: number) =>
    job.updateProgress({ done, total, percent: total === 0 ? 100 : Math.floor((100 * done) / total) });
}
