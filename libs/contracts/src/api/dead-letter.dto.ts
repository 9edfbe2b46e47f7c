import { z } from 'zod';
import { REJECTION_CODES } from '../events/rejection.js';
import { count, instant, listOf } from './wire.js';

const rejectionSchema = z
  .object({
    code: z.enum(REJECTION_CODES),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Rejection', description: 'Why an input message was not accepted (docs/contract.md).' });

export const deadLetterDtoSchema = z
  .object({
    id: z.string(),
    sourceTopic: z.string(),
    partition: count,
    offset: z.string().meta({ description: 'The Kafka offset, as a decimal string.' }),
    key: z.string().nullable(),
    reason: rejectionSchema,
    rejectedAt: instant,
    redrivenAt: instant.nullable(),
  })
  .meta({ id: 'DeadLetter', description: 'A rejected input message, kept to be read and redriven.' });
export type DeadLetterDto = z.infer<typeof deadLetterDtoSchema>;

export const deadLetterListDtoSchema = listOf(
  deadLetterDtoSchema,
  'DeadLetterList',
  'The dead letters that match the filters.',
);
export type DeadLetterListDto = z.infer<typeof deadLetterListDtoSchema>;

export const deadLetterQuerySchema = z.object({
  topic: z.string().min(1).max(255).optional(),
  code: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type DeadLetterQuery = z.infer<typeof deadLetterQuerySchema>;

/** `POST /api/dead-letters/:id/redrive`: optionally a corrected event to send instead of the original bytes. */
export const redriveRequestSchema = z
  .object(
    { value: z.record(z.string(), z.unknown()).optional() },
    { error: 'the body must be a JSON object' },
  )
  .optional()
  .transform((body) => body ?? {});

export type RedriveRequest = z.infer<typeof redriveRequestSchema>;
