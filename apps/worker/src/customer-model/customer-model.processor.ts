import { LADDER_CONFIG, type LadderConfig } from '#config';
import { jobId } from '#contracts';
import { CustomerSweepsService } from '#customer-model';
import { WORKER_CONCURRENCY } from '#queues';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';

/** The customer model's long jobs: the time sweep and the RFM recompute, each reporting its progress. */
@Processor('customer-model', { concurrency: WORKER_CONCURRENCY['customer-model'] })
export class CustomerModelProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly sweeps: CustomerSweepsService,
    @InjectQueue('customer-model') private readonly queue: Queue,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super();
  }

  /** One schedule each for the whole deployment: upserting them from every replica changes nothing. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      jobId('review-customers', 'schedule'),
      { every: this.config.customerModel.reviewEveryMs },
      { name: 'review-customers', data: {} },
    );
    await this.queue.upsertJobScheduler(
      jobId('recompute-segments', 'schedule'),
      { every: this.config.customerModel.segmentsEveryMs },
      { name: 'recompute-segments', data: { requestedBy: null } },
    );
  }

  async process(job: Job): Promise<{ customers: number; moves: number }> {
    const progress = (done: number, total: number) =>
      job.updateProgress({ done, total, percent: total === 0 ? 100 : Math.floor((100 * done) / total) });
    if (job.name === 'review-customers') return this.sweeps.reviewDueCustomers(progress);
    if (job.name === 'recompute-segments') return this.sweeps.recomputeSegments(progress);
    throw new UnrecoverableError(`unknown job ${job.name}`);
  }
}
