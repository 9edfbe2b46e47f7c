import { SEGMENTS, STAGES } from '#domain';
import { z } from 'zod';
import { count, periodBound, periodOrdered } from './wire.js';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date and time with an offset' });

export const ladderQuerySchema = z
  .object({
    storeId: z.string().min(1).max(64).optional(),
    from: periodBound.optional(),
    to: periodBound.optional(),
  })
  .refine(periodOrdered, {
    error: 'from must not be after to',
    path: ['from'],
  });

export type LadderQuery = z.infer<typeof ladderQuerySchema>;

export const ladderReportDtoSchema = z
  .object({
    storeId: z.string().nullable(),
    from: instant.nullable().meta({ description: 'The period as instants: its first one…' }),
    to: instant.nullable().meta({ description: '…and the first one after it.' }),
    stages: z.array(z.object({ stage: z.enum(STAGES), customers: count })),
    moves: z.array(z.object({ from: z.enum(STAGES).nullable(), to: z.enum(STAGES), moves: count })),
  })
  .meta({
    id: 'LadderReport',
    description:
      '`GET /api/ladder`: customers on each rung now (by home store), and the moves between rungs in the period.',
  });
export type LadderReportDto = z.infer<typeof ladderReportDtoSchema>;

export const segmentsQuerySchema = z.object({ storeId: z.string().min(1).max(64).optional() });
export type SegmentsQuery = z.infer<typeof segmentsQuerySchema>;

export const recomputeJobDtoSchema = z
  .object({
    jobId: z.string(),
    state: z.string().meta({ description: "The job's BullMQ state: waiting, active, completed, failed, …" }),
    progress: z.object({ done: count, total: count, percent: z.number().min(0).max(100) }).nullable(),
    requestedAt: instant,
    finishedAt: instant.nullable(),
    result: z.object({ customers: count, moves: count }).nullable(),
    failedReason: z.string().nullable(),
  })
  .meta({
    id: 'RecomputeJob',
    description: 'A recompute of the RFM segments, followed at `/api/segments/recompute/{jobId}`.',
  });
export type RecomputeJobDto = z.infer<typeof recomputeJobDtoSchema>;

export const segmentsReportDtoSchema = z
  .object({
    storeId: z.string().nullable(),
    computedAt: instant.nullable(),
    customers: count,
    segments: z.array(
      z.object({
        segment: z.enum(SEGMENTS),
        customers: count,
        share: z.number().min(0).max(100).meta({ description: 'Percent of the customers, to one decimal.' }),
      }),
    ),
    lastRecompute: recomputeJobDtoSchema.nullable(),
  })
  .meta({
    id: 'SegmentsReport',
    description:
      '`GET /api/segments`: customers per RFM segment (by home store), with when the quintiles were computed.',
  });
export type SegmentsReportDto = z.infer<typeof segmentsReportDtoSchema>;
