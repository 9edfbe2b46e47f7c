import { canSeeStore, type Principal } from '#access';
import {
  jobId,
  LadderError,
  type LadderQuery,
  type LadderReportDto,
  type RecomputeJobDto,
  type SegmentsQuery,
  type SegmentsReportDto,
} from '#contracts';
import { periodInstants, SEGMENTS, STAGES, type Segment, type Stage } from '#domain';
import { StorePolicies } from '#directory';
import { CustomerEventRepository, CustomerStateRepository, RfmBoundaryRepository } from '#persistence';
import { jobStatus, JobQueueService } from '#queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The ladder and the RFM segments as managers read them, and the on-demand recompute. */
@Injectable()
export class CustomerModelReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly states: CustomerStateRepository,
    private readonly events: CustomerEventRepository,
    private readonly boundaries: RfmBoundaryRepository,
    private readonly jobs: JobQueueService,
    private readonly stores: StorePolicies,
  ) {}

  async ladder(query: LadderQuery, principal: Principal): Promise<LadderReportDto> {
    const storeId = this.scopedStore(query.storeId ?? null, principal);
    const manager = this.dataSource.manager;
    // A day is read in the store's time zone (Ladder's default zone across all stores).
    const timeZone = await this.stores.timeZoneOf(manager, storeId);
    const period = periodInstants(query, timeZone);
    const [counts, moves] = await Promise.all([
      this.states.stageCounts(manager, storeId),
      this.events.moveCounts(manager, storeId, period.from, period.to),
    ]);
    return {
      storeId,
      from: period.from?.toISOString() ?? null,
      to: period.to?.toISOString() ?? null,
      stages: STAGES.map((stage) => ({
        stage,
        customers: counts.find((count) => count.stage === stage)?.customers ?? 0,
      })),
      moves: moves.map((move) => ({
        from: move.from as Stage | null,
        to: move.to as Stage,
        moves: move.moves,
      })),
    };
  }

  async segments(query: SegmentsQuery, principal: Principal): Promise<SegmentsReportDto> {
    const storeId = this.scopedStore(query.storeId ?? null, principal);
    const manager = this.dataSource.manager;
    const [counts, boundaries, lastRecompute] = await Promise.all([
      this.states.segmentCounts(manager, storeId),
      this.boundaries.loadBoundaries(manager),
      this.latestRecompute(),
    ]);
    const customers = counts.reduce((sum, count) => sum + count.customers, 0);
    return {
      storeId,
      computedAt: boundaries.computedAt?.toISOString() ?? null,
      customers,
      segments: SEGMENTS.map((segment: Segment) => {
        const count = counts.find((item) => item.segment === segment)?.customers ?? 0;
        return {
          segment,
          customers: count,
          share: customers === 0 ? 0 : Math.round((1000 * count) / customers) / 10,
        };
      }),
      lastRecompute,
    };
  }

  async requestRecompute(principal: Principal): Promise<RecomputeJobDto> {
    const job = await this.jobs
      .queue('customer-model')
      .add(
        'recompute-segments',
        { requestedBy: principal.tokenId },
        { jobId: jobId('recompute-segments', `${Date.now()}`) },
      );
    return jobStatus<RecomputeJobDto>(job, 'waiting');
  }

  async recompute(id: string): Promise<RecomputeJobDto> {
    const job = id.startsWith('recompute-segments.')
      ? await this.jobs.queue('customer-model').getJob(id)
      : undefined;
    if (!job) throw LadderError.notFound('The recompute job');
    return jobStatus<RecomputeJobDto>(job, await job.getState());
  }

  private async latestRecompute(): Promise<RecomputeJobDto | null> {
    const jobs = await this.jobs
      .queue('customer-model')
      .getJobs(['active', 'waiting', 'completed', 'failed'], 0, 50);
    const latest = jobs
      .filter((job) => job.name === 'recompute-segments')
      .sort((a, b) => b.timestamp - a.timestamp)[0];
    return latest ? jobStatus<RecomputeJobDto>(latest, await latest.getState()) : null;
  }

  /** A store-scoped caller reads their own store; asking for another answers 404, like a case would. */
  private scopedStore(storeId: string | null, principal: Principal): string | null {
    if (principal.scope.kind === 'all') return storeId;
    if (storeId && canSeeStore(principal, storeId)) return storeId;
    if (!storeId && principal.scope.storeIds.length === 1) return principal.scope.storeIds[0]!;
    throw LadderError.notFound(storeId ? 'The store' : 'A store (name one with storeId)');
  }
}
