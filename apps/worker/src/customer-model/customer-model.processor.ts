import { LADDER_CONFIG, type LadderConfig } from '#config';
import { CustomerSweepsService } from '#customer-model';
import { CatalogueProcessor, workerOptions, type JobHandlers, type Schedule } from '#queues';
import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';

/** The customer model's long jobs: the time sweep and the RFM recompute, each reporting its progress. */
@Processor('customer-model', workerOptions('customer-model'))
export class CustomerModelProcessor extends CatalogueProcessor<'customer-model'> {
  protected readonly handlers: JobHandlers<'customer-model'> = {
    'review-customers': (job) => this.sweeps.reviewDueCustomers(progressOf(job)),
    'recompute-segments': (job) => this.sweeps.recomputeSegments(progressOf(job)),
  };

  constructor(
    private readonly sweeps: CustomerSweepsService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super();
  }

  protected override schedules(): Array<Schedule<'customer-model'>> {
    const { reviewEveryMs, segmentsEveryMs } = this.config.customerModel;
    return [
      { name: 'review-customers', everyMs: reviewEveryMs, data: {} },
      { name: 'recompute-segments', everyMs: segmentsEveryMs, data: { requestedBy: null } },
    ];
  }
}

function progressOf(job: Job) {
  return (done: number, total: number) =>
    job.updateProgress({ done, total, percent: total === 0 ? 100 : Math.floor((100 * done) / total) });
}
