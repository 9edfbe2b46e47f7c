import type { JobPayload } from '#contracts';
import { WORKER_CONCURRENCY } from '#queues';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { LoyaltyInvitationService, type InvitationOutcome } from './loyalty-invitation.service.js';

@Processor('loyalty', { concurrency: WORKER_CONCURRENCY.loyalty })
export class InviteToLoyaltyClubProcessor extends WorkerHost {
  constructor(private readonly invitations: LoyaltyInvitationService) {
    super();
  }

  async process(job: Job<JobPayload<'invite-to-loyalty-club'>>): Promise<InvitationOutcome> {
    if (job.name !== 'invite-to-loyalty-club') throw new UnrecoverableError(`unknown job ${job.name}`);
    return this.invitations.invite(job.data.surveyEventId);
  }
}
