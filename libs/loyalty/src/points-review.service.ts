import { LADDER_CONFIG, type LadderConfig } from '#config';
import { tierMove } from '#domain';
import { TransactionalOutbox } from '#outbox';
import { PointsRepository } from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemberTierService } from './member-tiers.service.js';
import { PointsService } from './points.service.js';

const PAGE_SIZE = 500;

export interface PointsReview {
  members: number;
  expired: number;
  moved: number;
}

/**
 * The hourly sweep (docs/promoter-loop.md, Points and Tiers): time alone expires lots and lets a tier window
 * leave old points behind. It reads members a page at a time, with their window points computed in SQL, and
 * changes only those whose tier moves or who hold a lot that ran out, each in its own transaction.
 */
@Injectable()
export class PointsReviewService {
  private readonly logger = new Logger(PointsReviewService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionalOutbox,
    private readonly points: PointsRepository,
    private readonly pointsService: PointsService,
    private readonly tiers: MemberTierService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async reviewAll(now = new Date(), progress?: (done: PointsReview) => Promise<void>): Promise<PointsReview> {
    const review: PointsReview = { members: 0, expired: 0, moved: 0 };
    const since = new Date(now.getTime() - this.config.loyalty.tierWindowMs);
    let after: string | null = null;
    for (;;) {
      const page = await this.points.membersToReview(this.dataSource.manager, {
        since,
        now,
        after,
        limit: PAGE_SIZE,
      });
      for (const candidate of page) {
        review.members += 1;
        const moves = tierMove(candidate.tier, candidate.tierPoints, this.config.loyalty.tiers) !== null;
        if (!moves && !candidate.hasExpired) continue;
        await this.transactions.run(async (transaction) => {
          const member = await this.points.lockMember(transaction.manager, candidate.customerId);
          if (!member) return;
          if (candidate.hasExpired) {
            await this.pointsService.liveBalance(transaction, member, now);
            review.expired += 1;
          }
          if (await this.tiers.review(transaction, member, now)) review.moved += 1;
        });
      }
      await progress?.(review);
      if (page.length < PAGE_SIZE) break;
      after = page[page.length - 1]!.customerId;
    }
    this.logger.log({ message: 'points reviewed', ...review });
    return review;
  }
}
