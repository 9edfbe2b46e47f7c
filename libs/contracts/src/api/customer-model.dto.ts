import type { Segment, Stage } from '#domain';
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date and time with an offset' });

export const ladderQuerySchema = z
  .object({
    storeId: z.string().min(1).max(64).optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to), {
    error: 'from must not be after to',
    path: ['from'],
  });

export type LadderQuery = z.infer<typeof ladderQuerySchema>;

/** `GET /api/ladder`: customers on each rung now (by home store), and the moves between rungs in the period. */
export interface LadderReportDto {
  storeId: string | null;
  from: string | null;
  to: string | null;
  stages: Array<{ stage: Stage; customers: number }>;
  moves: Array<{ from: Stage | null; to: Stage; moves: number }>;
}

export const segmentsQuerySchema = z.object({ storeId: z.string().min(1).max(64).optional() });
export type SegmentsQuery = z.infer<typeof segmentsQuerySchema>;

export interface RecomputeJobDto {
  jobId: string;
  state: string;
  progress: { done: number; total: number; percent: number } | null;
  requestedAt: string;
  finishedAt: string | null;
  result: { customers: number; moves: number } | null;
  failedReason: string | null;
}

/** `GET /api/segments`: customers per RFM segment (by home store), with when the quintiles were computed. */
export interface SegmentsReportDto {
  storeId: string | null;
  computedAt: string | null;
  customers: number;
  segments: Array<{ segment: Segment; customers: number; share: number }>;
  lastRecompute: RecomputeJobDto | null;
}
