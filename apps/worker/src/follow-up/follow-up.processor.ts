import { LADDER_CONFIG, type LadderConfig } from '#config';
import { jobId, type JobPayload } from '#contracts';
import { CaseMaintenanceService, ResurveyService } from '#follow-up';
import { WORKER_CONCURRENCY } from '#queues';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { FollowUpService } from './follow-up.service.js';

/** The follow-up queue: opening cases, their escalation timers and sweep, priorities, SLA changes, re-surveys. */
@Processor('follow-up', { concurrency: WORKER_CONCURRENCY['follow-up'] })
export class FollowUpProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly followUp: FollowUpService,
    private readonly maintenance: CaseMaintenanceService,
    private readonly resurveys: ResurveyService,
    @InjectQueue('follow-up') private readonly queue: Queue,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      jobId('escalation-sweep', 'schedule'),
      { every: this.config.followUp.escalationSweepEveryMs },
      { name: 'escalation-sweep', data: {} },
    );
    await this.queue.upsertJobScheduler(
      jobId('refresh-case-priorities', 'schedule'),
      { every: this.config.followUp.priorityRefreshEveryMs },
      { name: 'refresh-case-priorities', data: {} },
    );
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'open-follow-up-case':
        return this.followUp.followUp((job.data as JobPayload<'open-follow-up-case'>).surveyEventId);
      case 'escalate-case': {
        const { caseId, level, dueAt } = job.data as JobPayload<'escalate-case'>;
        return { outcome: await this.maintenance.escalateStep(caseId, level, dueAt) };
      }
      case 'escalation-sweep':
        return { escalated: await this.maintenance.escalationSweep() };
      case 'refresh-case-priorities':
        return { changed: await this.maintenance.refreshPriorities() };
      case 'reschedule-store-cases':
        return {
          rescheduled: await this.maintenance.rescheduleStore(
            (job.data as JobPayload<'reschedule-store-cases'>).storeId,
          ),
        };
      case 'resurvey-customer':
        return {
          outcome: await this.resurveys.resurvey((job.data as JobPayload<'resurvey-customer'>).caseId),
        };
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
