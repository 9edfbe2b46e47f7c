import { z } from 'zod';
import type { Rejection } from '../events/rejection.js';

export interface DeadLetterDto {
  id: string;
  sourceTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  reason: Rejection;
  rejectedAt: string;
  redrivenAt: string | null;
}

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
