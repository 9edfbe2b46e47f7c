import type { JobPayload } from '#contracts';
import { WORKER_CONCURRENCY } from '#queues';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { FollowUpService, type FollowUpOutcome } from './follow-up.service.js';

@Processor('follow-up', { concurrency: WORKER_CONCURRENCY['follow-up'] })
export class OpenFollowUpCaseProcessor extends WorkerHost {
  constructor(private readonly followUp: FollowUpService) {
    super();
  }

  async process(job: Job<JobPayload<'open-follow-up-case'>>): Promise<FollowUpOutcome> {
    if (job.name !== 'open-follow-up-case') throw new UnrecoverableError(`unknown job ${job.name}`);
    return this.followUp.followUp(job.data.surveyEventId);
  }
}
