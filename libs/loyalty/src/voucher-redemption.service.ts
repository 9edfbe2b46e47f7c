import type { Principal } from '#access';
import { jobRequest, type JobRequest, type RedemptionQuery, type RedemptionReportDto } from '#contracts';
import { StorePolicies } from '#directory';
import { periodInstants, voucherVerdict, type VoucherOutcome } from '#domain';
import { CustomerRepository, VoucherRepository } from '#persistence';
import { reconcileWindow } from '#queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

const RECONCILE_LOOK_BACK_MS = 24 * 3_600_000;
const RECONCILE_LIMIT = 2_000;

export type RedemptionResult =
  { outcome: VoucherOutcome; reversed: boolean } | { outcome: 'missing-purchase' | 'no-code' };

export type ReversalResult = { outcome: 'restored' | 'nothing-to-restore' } | { outcome: 'missing-refund' };

/**
 * Vouchers paid with (docs/promoter-loop.md, Vouchers): a purchase carrying a code redeems it once or is
 * refused with its reason, and a refund of the purchase gives the voucher back. Each decision is a row keyed
 * by the purchase, so a job run twice (a redelivery, a replay, the reconciler) decides nothing new.
 */
@Injectable()
export class VoucherRedemptionService {
  private readonly logger = new Logger(VoucherRedemptionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    private readonly vouchers: VoucherRepository,
    private readonly stores: StorePolicies,
  ) {}

  async redeem(purchaseEventId: string, now = new Date()): Promise<RedemptionResult> {
    const result = await this.dataSource.transaction(async (manager): Promise<RedemptionResult> => {
      const purchase = await this.customers.findPurchase(manager, purchaseEventId);
      if (!purchase) return { outcome: 'missing-purchase' };
      if (!purchase.voucherCode) return { outcome: 'no-code' };
      const decided = await this.vouchers.find(manager, purchaseEventId);
      if (decided) return { outcome: decided.outcome, reversed: decided.reversedAt !== null };
      // Locks the voucher's reward: two purchases with one code are decided one after the other.
      const voucher = await this.vouchers.voucher(manager, purchase.voucherCode);
      const verdict = voucherVerdict(voucher, { customerId: purchase.customerId, at: purchase.occurredAt });
      // The purchase may have been returned before its voucher was decided: then it is given back at once.
      const refund =
        verdict.outcome === 'redeemed' ? await this.vouchers.refundOf(manager, purchaseEventId) : null;
      const recorded = await this.vouchers.tryInsert(manager, {
        purchaseEventId,
        voucherCode: purchase.voucherCode,
        customerId: purchase.customerId,
        storeId: purchase.storeId,
        rewardId: voucher?.rewardId ?? null,
        outcome: verdict.outcome,
        detail: verdict.detail,
        reversedAt: refund ? now : null,
        reversedBy: refund?.eventId ?? null,
      });
      return { outcome: recorded?.outcome ?? verdict.outcome, reversed: refund !== null };
    });
    this.logger.log({ message: 'voucher decided', purchaseEventId, ...result });
    return result;
  }

  async reverse(refundEventId: string, now = new Date()): Promise<ReversalResult> {
    const result = await this.dataSource.transaction(async (manager): Promise<ReversalResult> => {
      const refund = await this.vouchers.findRefund(manager, refundEventId);
      if (!refund) return { outcome: 'missing-refund' };
      const reversed = await this.vouchers.reverse(manager, refund.refundOf, refundEventId, now);
      return { outcome: reversed ? 'restored' : 'nothing-to-restore' };
    });
    this.logger.log({ message: 'refund taken in', refundEventId, ...result });
    return result;
  }

  /** Purchases whose voucher was never decided and refunds never taken in (their jobs were lost). */
  async jobsToReconcile(): Promise<JobRequest[]> {
    const { purchases, refunds } = await this.vouchers.undecided(
      this.dataSource.manager,
      reconcileWindow(RECONCILE_LOOK_BACK_MS),
      RECONCILE_LIMIT,
    );
    return [
      ...purchases.map((purchaseEventId) =>
        jobRequest('redeem-voucher', purchaseEventId, { purchaseEventId }),
      ),
      ...refunds.map((refundEventId) => jobRequest('reverse-redemption', refundEventId, { refundEventId })),
    ];
  }

  /** Per store and reward kind: vouchers issued and redeemed, and codes refused by reason, within scope. */
  async report(query: RedemptionQuery, principal: Principal): Promise<RedemptionReportDto> {
    const manager = this.dataSource.manager;
    // A day is read in the store's time zone (Ladder's default zone across all stores).
    const period = periodInstants(query, await this.stores.timeZoneOf(manager, query.storeId ?? null));
    const filter = { storeId: query.storeId, from: period.from ?? undefined, to: period.to ?? undefined };
    const [rows, refused] = await Promise.all([
      this.vouchers.report(manager, filter, principal.scope),
      this.vouchers.refusals(manager, filter, principal.scope),
    ]);
    return {
      rows: rows.map((row) => ({ ...row, rate: row.issued === 0 ? 0 : row.redeemed / row.issued })),
      refused: refused.flatMap(({ storeId, outcome, count }) =>
        outcome === 'redeemed' ? [] : [{ storeId, reason: outcome, count }],
      ),
    };
  }
}
