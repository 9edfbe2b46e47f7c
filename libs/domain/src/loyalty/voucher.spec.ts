import fc from 'fast-check';
import { voucherVerdict, type IssuedVoucher } from './voucher.js';

const issuedAt = new Date('2026-11-01T00:00:00Z');
const expiresAt = new Date('2026-12-31T20:30:00Z');
const voucher: IssuedVoucher = { customerId: 'c-1', issuedAt, expiresAt, redeemedBy: null };
const at = new Date('2026-12-02T10:00:00Z');

describe('voucherVerdict', () => {
  it('redeems a live voucher for its own customer, once', () => {
    expect(voucherVerdict(voucher, { customerId: 'c-1', at }).outcome).toBe('redeemed');
    expect(voucherVerdict({ ...voucher, redeemedBy: 'p-7' }, { customerId: 'c-1', at })).toEqual({
      outcome: 'used',
      detail: 'the voucher was redeemed by purchase p-7',
    });
  });

  it('refuses an unknown, a foreign and an expired code, each with its reason', () => {
    expect(voucherVerdict(null, { customerId: 'c-1', at }).outcome).toBe('unknown');
    expect(voucherVerdict(voucher, { customerId: 'c-2', at }).outcome).toBe('foreign');
    expect(voucherVerdict(voucher, { customerId: 'c-1', at: new Date('2027-01-01T00:00:00Z') }).outcome).toBe(
      'expired',
    );
    expect(voucherVerdict(voucher, { customerId: 'c-1', at: new Date('2026-10-31T00:00:00Z') }).outcome).toBe(
      'unknown',
    );
  });

  it('redeems exactly when the buyer owns it, it is live at the purchase, and nothing else used it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('c-1', 'c-2'),
        fc.date({
          min: new Date('2026-10-01T00:00:00Z'),
          max: new Date('2027-02-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.option(fc.constant('p-9'), { nil: null }),
        (customerId, when, redeemedBy) => {
          const { outcome } = voucherVerdict({ ...voucher, redeemedBy }, { customerId, at: when });
          const live = when >= issuedAt && when <= expiresAt;
          return (outcome === 'redeemed') === (customerId === 'c-1' && live && redeemedBy === null);
        },
      ),
    );
  });
});
