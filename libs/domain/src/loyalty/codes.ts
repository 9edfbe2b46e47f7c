import { toLatinDigits } from '../digits.js';

// Crockford's base-32 alphabet without I, L, O and U: easy to read aloud and to type from a receipt.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VOUCHER_RANDOM_LENGTH = 8;

/** What a voucher is for: the welcome, a referral, points spent, a tier's consultation, a cross-sell offer. */
export const VOUCHER_KINDS = ['welcome', 'referral', 'points', 'consultation', 'offer'] as const;
export type VoucherKind = (typeof VOUCHER_KINDS)[number];

const VOUCHER_PREFIXES: Record<VoucherKind, string> = {
  welcome: 'WELCOME',
  referral: 'THANKS',
  points: 'POINTS',
  consultation: 'CONSULT',
  offer: 'OFFER',
};

/**
 * A voucher code such as `WELCOME-7Q2K-9XPM`: what the reward is for, then eight random characters (40 bits;
 * the database's unique index turns the rare collision into a retry with new bytes).
 */
export function voucherCode(kind: VoucherKind, randomBytes: Uint8Array): string {
  if (randomBytes.length < VOUCHER_RANDOM_LENGTH) {
    throw new RangeError(`voucherCode needs ${VOUCHER_RANDOM_LENGTH} random bytes`);
  }
  let random = '';
  for (let index = 0; index < VOUCHER_RANDOM_LENGTH; index += 1) {
    random += CODE_ALPHABET[randomBytes[index]! % CODE_ALPHABET.length];
  }
  return `${VOUCHER_PREFIXES[kind]}-${random.slice(0, 4)}-${random.slice(4)}`;
}

/**
 * A referral code as a till or a web shop may send it: any case, Persian or Arabic digits, spaces, or an
 * en dash for the hyphen. `null` when nothing is left. Stored codes are already in this form.
 */
export function normaliseReferralCode(code: string | null | undefined): string | null {
  if (!code) return null;
  const normalised = toLatinDigits(code.normalize('NFKC'))
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212_]/g, '-')
    .replace(/\s+/g, '');
  return normalised.length > 0 ? normalised : null;
}

/** A voucher code as a till types it from the e-mail or the receipt: read like a referral code. */
export function normaliseVoucherCode(code: string | null | undefined): string | null {
  return normaliseReferralCode(code);
}
