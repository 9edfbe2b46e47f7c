import {
  apiErrorBodySchema,
  LadderError,
  QUEUE_NAMES,
  retriedDtoSchema,
  stuckWorkDtoSchema,
  stuckWorkQuerySchema,
  type QueueName,
  type RetriedDto,
  type StuckWorkDto,
  type StuckWorkQuery,
} from '#contracts';
import { NotificationLog } from '#notifications';
import { OutboxRelayService } from '#outbox';
import { OutboxRepository } from '#persistence';
import { JobQueueService } from '#queues';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllStores, Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

/**
 * What will not finish on its own, in one place for an operator (docs/operations.md): parked outbox
 * messages, jobs that failed for good, e-mails that failed or are stuck; and a way to send each again.
 * Stuck e-mails are retried through `POST /api/notifications/:id/retry`.
 */
@Controller('api/stuck')
@Roles('admin')
@AllStores()
export class StuckWorkController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
    private readonly jobs: JobQueueService,
    private readonly notifications: NotificationLog,
  ) {}

  @Get()
  @Answers(200, stuckWorkDtoSchema)
  async list(@Query({ schema: stuckWorkQuerySchema }) query: StuckWorkQuery): Promise<StuckWorkDto> {
    const [parked, jobs, notifications] = await Promise.all([
      this.outbox.listParked(this.dataSource.manager, query.limit),
      this.jobs.failedJobs(query.limit),
      this.notifications.stuck(query.limit),
    ]);
    return {
      outbox: parked.map((row) => ({
        ...row,
        createdAt: row.createdAt.toISOString(),
        parkedAt: row.parkedAt.toISOString(),
      })),
      jobs: jobs.map((job) => ({ ...job, failedAt: job.failedAt?.toISOString() ?? null })),
      notifications,
    };
  }

  @Post('outbox/:id/retry')
  @HttpCode(202)
  @Answers(202, retriedDtoSchema, 'The message, back in line and published now if it can be.')
  @Answers(404, apiErrorBodySchema, 'not-found: no parked outbox message has this id')
  async retryOutbox(@Param('id') id: string): Promise<RetriedDto> {
    const notFound = () => LadderError.notFound('A parked outbox message with this id');
    if (!/^\d{1,19}$/.test(id)) throw notFound();
    const result = await this.relay.retryParked(id);
    if (!result) throw notFound();
    return { id, ...result };
  }

  @Post('jobs/:queue/:id/retry')
  @HttpCode(202)
  @Answers(202, retriedDtoSchema, 'The job, queued again with a fresh round of attempts.')
  @Answers(404, apiErrorBodySchema, 'not-found: no failed job of this queue has this id')
  async retryJob(@Param('queue') queue: string, @Param('id') id: string): Promise<RetriedDto> {
    const notFound = () => LadderError.notFound('A failed job with this id in this queue');
    if (!(QUEUE_NAMES as readonly string[]).includes(queue) || id.length === 0 || id.length > 512)
      throw notFound();
    if (!(await this.jobs.retryFailed(queue as QueueName, id))) throw notFound();
    return { id, outcome: 'queued', reason: null };
  }
}
