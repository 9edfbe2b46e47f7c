import { LADDER_CONFIG, type LadderConfig } from '#config';
import { jobId, type JobPayload } from '#contracts';
import { ReferralService } from '#loyalty';
import { WORKER_CONCURRENCY } from '#queues';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import { LoyaltyInvitationService } from './loyalty-invitation.service.js';

/** The loyalty queue: invitations to the club, referral conversions, their settlement and its sweep. */
@Processor('loyalty', { concurrency: WORKER_CONCURRENCY.loyalty })
export class LoyaltyProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly invitations: LoyaltyInvitationService,
    private readonly referrals: ReferralService,
    @InjectQueue('loyalty') private readonly queue: Queue,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      jobId('settle-due-referrals', 'schedule'),
      { every: this.config.loyalty.settleSweepEveryMs },
      { name: 'settle-due-referrals', data: {} },
    );
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case 'invite-to-loyalty-club':
        return this.invitations.invite((job.data as JobPayload<'invite-to-loyalty-club'>).surveyEventId);
      case 'record-referral': {
        const result = await this.referrals.record(
          (job.data as JobPayload<'record-referral'>).purchaseEventId,
        );
        if (result.outcome === 'missing-purchase')
          throw new UnrecoverableError('the purchase does not exist');
        return result;
      }
      case 'settle-referral': {
        const result = await this.referrals.settle((job.data as JobPayload<'settle-referral'>).referralId);
        if (result.outcome === 'not-due') {
          // Promoted before its time: back to waiting until the cooling-off really ends.
          await job.moveToDelayed(result.settleAt.getTime(), token);
          throw new DelayedError();
        }
        return result;
      }
      case 'settle-due-referrals':
        return { settled: await this.referrals.settleOverdue() };
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
