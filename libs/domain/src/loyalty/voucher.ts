/** What becomes of a voucher code a purchase carries. */
export type VoucherOutcome = 'redeemed' | 'used' | 'expired' | 'foreign' | 'unknown';

export interface VoucherUse {
  /** Whose purchase it is, and when it was made. */
  customerId: string;
  at: Date;
}

export interface IssuedVoucher {
  customerId: string;
  issuedAt: Date;
  expiresAt: Date;
  /** Another purchase that redeemed it and was not refunded. */
  redeemedBy: string | null;
}

/**
 * The one rule of redemption: a voucher pays once, for the customer it was issued to, between its issue and
 * its expiry (both as of the purchase, not of when Ladder reads it). A refunded purchase frees it again.
 */
export function voucherVerdict(
  voucher: IssuedVoucher | null,
  use: VoucherUse,
): { outcome: VoucherOutcome; detail: string } {
  if (!voucher) return { outcome: 'unknown', detail: 'no voucher has this code' };
  if (voucher.customerId !== use.customerId)
    return { outcome: 'foreign', detail: 'the voucher was issued to another customer' };
  if (use.at < voucher.issuedAt)
    return { outcome: 'unknown', detail: 'the purchase was made before the voucher was issued' };
  if (use.at > voucher.expiresAt)
    return { outcome: 'expired', detail: `the voucher expired on ${voucher.expiresAt.toISOString()}` };
  if (voucher.redeemedBy !== null)
    return { outcome: 'used', detail: `the voucher was redeemed by purchase ${voucher.redeemedBy}` };
  return { outcome: 'redeemed', detail: 'redeemed' };
}
