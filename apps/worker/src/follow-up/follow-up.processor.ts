import { LADDER_CONFIG, type LadderConfig } from '#config';
import { CaseMaintenanceService, CaseOpeningService, ResurveyService } from '#follow-up';
import { CatalogueProcessor, JobQueueService, WORKER_CONCURRENCY, type JobHandlers } from '#queues';
import { Processor } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';

/** The follow-up queue: opening cases, their escalation timers and sweep, priorities, SLA changes, re-surveys. */
@Processor('follow-up', { concurrency: WORKER_CONCURRENCY['follow-up'] })
export class FollowUpProcessor extends CatalogueProcessor<'follow-up'> implements OnApplicationBootstrap {
  protected readonly handlers: JobHandlers<'follow-up'> = {
    'open-follow-up-case': ({ data }) => this.opening.openOrJoinCase(data.surveyEventId),
    'escalate-case': async ({ data }) => ({
      outcome: await this.maintenance.escalateStep(data.caseId, data.level, data.dueAt),
    }),
    'escalation-sweep': async () => ({ escalated: await this.maintenance.escalationSweep() }),
    'refresh-case-priorities': async () => ({ changed: await this.maintenance.refreshPriorities() }),
    'reschedule-store-cases': async ({ data }) => ({
      rescheduled: await this.maintenance.rescheduleStore(data.storeId),
    }),
    'resurvey-customer': async ({ data }) => ({ outcome: await this.resurveys.resurvey(data.caseId) }),
  };

  constructor(
    private readonly opening: CaseOpeningService,
    private readonly maintenance: CaseMaintenanceService,
    private readonly resurveys: ResurveyService,
    private readonly jobs: JobQueueService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.scheduleEvery('escalation-sweep', this.config.followUp.escalationSweepEveryMs, {});
    await this.jobs.scheduleEvery('refresh-case-priorities', this.config.followUp.priorityRefreshEveryMs, {});
  }
}
