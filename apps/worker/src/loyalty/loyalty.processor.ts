import { LADDER_CONFIG, type LadderConfig } from '#config';
import type { JobRequest } from '#contracts';
import { InvitationService, ReferralService } from '#loyalty';
import { CatalogueProcessor, workerOptions, type JobHandlers, type Schedule } from '#queues';
import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, UnrecoverableError } from 'bullmq';

/** The loyalty queue: invitations to the club, referral conversions, their settlement and its sweep. */
@Processor('loyalty', workerOptions('loyalty'))
export class LoyaltyProcessor extends CatalogueProcessor<'loyalty'> {
  protected readonly handlers: JobHandlers<'loyalty'> = {
    'invite-to-loyalty-club': ({ data }) => this.invitations.invitePromoter(data.surveyEventId),
    'record-referral': async ({ data }) => {
      const result = await this.referrals.record(data.purchaseEventId);
      if (result.outcome === 'missing-purchase') throw new UnrecoverableError('the purchase does not exist');
      return result;
    },
    'settle-referral': async (job, token) => {
      const result = await this.referrals.settle(job.data.referralId);
      if (result.outcome === 'not-due') {
        // Promoted before its time: back to waiting until the cooling-off really ends.
        await job.moveToDelayed(result.settleAt.getTime(), token);
        throw new DelayedError();
      }
      return result;
    },
    'settle-due-referrals': async () => ({ settled: await this.referrals.settleOverdue() }),
  };

  constructor(
    private readonly invitations: InvitationService,
    private readonly referrals: ReferralService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super();
  }

  protected override reconcile(): Promise<JobRequest[]> {
    return this.invitations.jobsToReconcile();
  }

  protected override schedules(): Array<Schedule<'loyalty'>> {
    return [{ name: 'settle-due-referrals', everyMs: this.config.loyalty.settleSweepEveryMs, data: {} }];
  }
}
