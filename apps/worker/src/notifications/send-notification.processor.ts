import type { JobPayload } from '#contracts';
import { isFinalAttempt, WORKER_CONCURRENCY } from '#queues';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { NotificationSenderService, type SendOutcome } from './notification-sender.service.js';

@Processor('notifications', { concurrency: WORKER_CONCURRENCY.notifications })
export class SendNotificationProcessor extends WorkerHost {
  constructor(private readonly sender: NotificationSenderService) {
    super();
  }

  async process(job: Job<JobPayload<'send-notification'>>): Promise<SendOutcome> {
    if (job.name !== 'send-notification') throw new UnrecoverableError(`unknown job ${job.name}`);
    return this.sender.send(job.data.notificationId, isFinalAttempt(job));
  }
}
