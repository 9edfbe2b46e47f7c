import { NotificationSender } from '#notifications';
import { CatalogueProcessor, isFinalAttempt, WORKER_CONCURRENCY, type JobHandlers } from '#queues';
import { Processor } from '@nestjs/bullmq';
import type { OnApplicationBootstrap } from '@nestjs/common';

@Processor('notifications', { concurrency: WORKER_CONCURRENCY.notifications })
export class SendNotificationProcessor
  extends CatalogueProcessor<'notifications'>
  implements OnApplicationBootstrap
{
  protected readonly handlers: JobHandlers<'notifications'> = {
    'send-notification': (job) => this.sender.send(job.data.notificationId, isFinalAttempt(job)),
  };

  constructor(private readonly sender: NotificationSender) {
    super();
  }

  onApplicationBootstrap(): void {
    this.sender.assertEveryKindRenders();
  }
}
