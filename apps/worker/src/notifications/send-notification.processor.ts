import type { JobRequest } from '#contracts';
import { NotificationScheduler, NotificationSender } from '#notifications';
import { CatalogueProcessor, isFinalAttempt, workerOptions, type JobHandlers } from '#queues';
import { Processor } from '@nestjs/bullmq';

@Processor('notifications', workerOptions('notifications'))
export class SendNotificationProcessor extends CatalogueProcessor<'notifications'> {
  protected readonly handlers: JobHandlers<'notifications'> = {
    'send-notification': (job) => this.sender.send(job.data.notificationId, isFinalAttempt(job)),
  };

  constructor(
    private readonly sender: NotificationSender,
    private readonly notifications: NotificationScheduler,
  ) {
    super();
  }

  protected override reconcile(): Promise<JobRequest[]> {
    return this.notifications.jobsToReconcile();
  }

  /** The sender writes every kind of e-mail: a kind without its renderer stops the worker here. */
  override async onApplicationBootstrap(): Promise<void> {
    this.sender.assertEveryKindRenders();
    await super.onApplicationBootstrap();
  }
}
