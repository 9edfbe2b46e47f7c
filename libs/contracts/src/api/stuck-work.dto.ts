import { z } from 'zod';
import { QUEUE_NAMES } from '../jobs/job-catalogue.js';
import { notificationDtoSchema } from './notification.dto.js';
import { count, instant } from './wire.js';

export const stuckWorkQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type StuckWorkQuery = z.infer<typeof stuckWorkQuerySchema>;

export const parkedOutboxDtoSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['kafka', 'job']),
    destination: z.string().meta({ description: 'The short topic name, or the job name.' }),
    messageKey: z.string(),
    attempts: count,
    reason: z.string(),
    payloadBytes: count,
    createdAt: instant,
    parkedAt: instant,
  })
  .meta({
    id: 'ParkedOutboxMessage',
    description: 'An outbox message the broker or the queue refused as it is; it waits for an operator.',
  });
export type ParkedOutboxDto = z.infer<typeof parkedOutboxDtoSchema>;

export const failedJobDtoSchema = z
  .object({
    queue: z.enum(QUEUE_NAMES),
    id: z.string(),
    name: z.string(),
    attemptsMade: count,
    reason: z.string(),
    failedAt: instant.nullable(),
  })
  .meta({ id: 'FailedJob', description: 'A BullMQ job that ran out of attempts or failed for good.' });
export type FailedJobDto = z.infer<typeof failedJobDtoSchema>;

export const stuckWorkDtoSchema = z
  .object({
    outbox: z.array(parkedOutboxDtoSchema),
    jobs: z.array(failedJobDtoSchema),
    notifications: z.array(notificationDtoSchema),
  })
  .meta({
    id: 'StuckWork',
    description:
      'Everything that will not finish on its own: parked outbox messages, jobs that failed for good, and e-mails that failed or are stuck (pending or sending for over 5 minutes).',
  });
export type StuckWorkDto = z.infer<typeof stuckWorkDtoSchema>;

export const retriedDtoSchema = z
  .object({
    id: z.string(),
    outcome: z.enum(['published', 'queued', 'parked-again', 'waiting']),
    reason: z.string().nullable(),
  })
  .meta({ id: 'Retried', description: 'What became of a stuck item sent again.' });
export type RetriedDto = z.infer<typeof retriedDtoSchema>;
