import { LADDER_CONFIG, type LadderConfig } from '#config';
import type { JobRequest } from '#contracts';
import { CaseMaintenanceService, CaseOpeningService, ResurveyService } from '#follow-up';
import { CatalogueProcessor, workerOptions, type JobHandlers, type Schedule } from '#queues';
import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError } from 'bullmq';

/** The follow-up queue: opening cases, their escalation timers and sweep, priorities, SLA changes, re-surveys. */
@Processor('follow-up', workerOptions('follow-up'))
export class FollowUpProcessor extends CatalogueProcessor<'follow-up'> {
  protected readonly handlers: JobHandlers<'follow-up'> = {
    'open-follow-up-case': ({ data }) => this.opening.openOrJoinCase(data.surveyEventId),
    'open-follow-up-cases': async ({ data }) => {
      const outcomes = await this.opening.openOrJoinCases(data.surveyEventIds);
      const count = (outcome: string) => outcomes.filter((item) => item.outcome === outcome).length;
      return { opened: count('opened'), joined: count('joined'), alreadyHandled: count('already-handled') };
    },
    'escalate-case': async (job, token) => {
      const outcome = await this.maintenance.escalateStep(job.data.caseId, job.data.level, job.data.dueAt);
      if (typeof outcome === 'object') {
        // Run before its time: back to waiting until the step is really due.
        await job.moveToDelayed(outcome.notDueUntil.getTime(), token);
        throw new DelayedError();
      }
      return { outcome };
    },
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
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super();
  }

  protected override reconcile(): Promise<JobRequest[]> {
    return this.opening.jobsToReconcile();
  }

  protected override schedules(): Array<Schedule<'follow-up'>> {
    const { escalationSweepEveryMs, priorityRefreshEveryMs } = this.config.followUp;
    return [
      { name: 'escalation-sweep', everyMs: escalationSweepEveryMs, data: {} },
      { name: 'refresh-case-priorities', everyMs: priorityRefreshEveryMs, data: {} },
    ];
  }
}
