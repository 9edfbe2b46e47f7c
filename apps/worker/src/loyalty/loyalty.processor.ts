import { LADDER_CONFIG, type LadderConfig } from '#config';
import type { JobRequest } from '#contracts';
import {
  CrossSellService,
  InvitationService,
  outcomeCounts,
  PointsReviewService,
  PointsService,
  PromoterThanksService,
  ReferralService,
  VoucherRedemptionService,
} from '#loyalty';
import { CatalogueProcessor, workerOptions, type JobHandlers, type Schedule } from '#queues';
import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';

/**
 * The loyalty queue: invitations, referral conversions and their settlement, vouchers redeemed and refunded,
 * points earned, reversed and expired, tiers, and the cross-sell learning with its offers.
 */
@Processor('loyalty', workerOptions('loyalty'))
export class LoyaltyProcessor extends CatalogueProcessor<'loyalty'> {
  protected readonly handlers: JobHandlers<'loyalty'> = {
    'invite-to-loyalty-club': ({ data }) => this.invitations.invitePromoter(data.surveyEventId),
    'thank-promoter': ({ data }) => this.thanks.thank(data.surveyEventId),
    'invite-promoters': async ({ data }) =>
      outcomeCounts(await this.invitations.invitePromoters(data.surveyEventIds)),
    'thank-promoters': async ({ data }) =>
      outcomeCounts(await this.thanks.thankPromoters(data.surveyEventIds)),
    'record-referral': async ({ data }) => {
      const result = await this.referrals.record(data.purchaseEventId);
      if (result.outcome === 'missing-purchase') throw new UnrecoverableError('the purchase does not exist');
      return result;
    },
    'redeem-voucher': async ({ data }) => {
      const result = await this.vouchers.redeem(data.purchaseEventId);
      if (result.outcome === 'missing-purchase') throw new UnrecoverableError('the purchase does not exist');
      return result;
    },
    'reverse-redemption': async ({ data }) => {
      const result = await this.vouchers.reverse(data.refundEventId);
      if (result.outcome === 'missing-refund') throw new UnrecoverableError('the refund does not exist');
      return result;
    },
    'earn-points': ({ data }) =>
      data.source === 'purchase'
        ? this.points.earnForPurchase(data.eventId)
        : this.points.earnForAnswer(data.eventId),
    'reverse-points': async ({ data }) => {
      const result = await this.points.reverseForRefund(data.refundEventId);
      if (result.outcome === 'missing-refund') throw new UnrecoverableError('the refund does not exist');
      return result;
    },
    // A long pass over every member: its progress is the members read so far.
    'review-points': (job) => this.pointsReview.reviewAll(new Date(), (done) => job.updateProgress(done)),
    'settle-referral': async (job, token) => {
      const result = await this.referrals.settle(job.data.referralId);
      if (result.outcome === 'not-due') {
        // Promoted before its time: back to waiting until the cooling-off really ends.
        await job.moveToDelayed(result.settleAt.getTime(), token);
        throw new DelayedError();
      }
      return result;
    },
    'settle-due-referrals': async () => ({ settled: await this.referrals.settleOverdue() }),
    // Long: the sweep reports the customers it has looked at (BullMQ progress, shown on the queue board).
    'run-cross-sell': (job) => this.crossSell.run(progressOf(job)),
  };

  constructor(
    private readonly invitations: InvitationService,
    private readonly thanks: PromoterThanksService,
    private readonly referrals: ReferralService,
    private readonly vouchers: VoucherRedemptionService,
    private readonly points: PointsService,
    private readonly pointsReview: PointsReviewService,
    private readonly crossSell: CrossSellService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super();
  }

  protected override async reconcile(): Promise<JobRequest[]> {
    return [
      ...(await this.invitations.jobsToReconcile()),
      ...(await this.thanks.jobsToReconcile()),
      ...(await this.vouchers.jobsToReconcile()),
      ...(await this.points.jobsToReconcile()),
    ];
  }

  protected override schedules(): Array<Schedule<'loyalty'>> {
    return [
      { name: 'settle-due-referrals', everyMs: this.config.loyalty.settleSweepEveryMs, data: {} },
      { name: 'review-points', everyMs: this.config.loyalty.tierReviewEveryMs, data: {} },
      { name: 'run-cross-sell', everyMs: this.config.crossSell.everyMs, data: { requestedBy: null } },
    ];
  }
}

function progressOf(job: Job) {
  return (done: number, total: number) =>
    job.updateProgress({ done, total, percent: total === 0 ? 100 : Math.floor((100 * done) / total) });
}
