import { formatDate, formatMoney, unsubscribeLink, type MailLanguage } from '#mail';
import type { RewardRecord } from '#persistence';

/** A voucher as a customer e-mail shows it. */
export interface VoucherData {
  code: string;
  amountMinor: number;
  currency: string;
  expiresAt: Date;
}

const VOUCHER_LABELS: Record<MailLanguage, [string, string, string, string]> = {
  en: ['Voucher code', 'Value', 'Valid until', 'Your referral code'],
  fa: ['کد هدیه', 'مبلغ', 'معتبر تا', 'کد معرفی شما'],
};

/** The voucher's code, value and last day (in the store's time zone), and the member's referral code. */
export function voucherFacts(
  voucher: VoucherData,
  referralCode: string,
  language: MailLanguage,
  timeZone: string,
): Array<[string, string]> {
  const [code, value, until, referral] = VOUCHER_LABELS[language];
  return [
    [code, voucher.code],
    [value, formatMoney(voucher.amountMinor, voucher.currency, language)],
    [until, formatDate(voucher.expiresAt, language, timeZone)],
    [referral, referralCode],
  ];
}

/** What every e-mail that hands a customer a voucher needs. */
export interface VoucherEmailData {
  locale: string;
  /** The store's, for the voucher's last day. */
  timeZone: string;
  customerName: string | null;
  storeName: string | null;
  voucher: VoucherData;
  referralCode: string;
  unsubscribeUrl: string;
}

/** The voucher's facts and the unsubscribe link of a voucher e-mail. */
export function voucherEmailParts(
  data: VoucherEmailData,
  language: MailLanguage,
): { facts: Array<[string, string]>; unsubscribe: { label: string; url: string } } {
  return {
    facts: voucherFacts(data.voucher, data.referralCode, language, data.timeZone),
    unsubscribe: unsubscribeLink(data.unsubscribeUrl, language),
  };
}

/** A reward from the ledger as its e-mail shows it. */
export function voucherOf(reward: RewardRecord): VoucherData {
  return {
    code: reward.voucherCode,
    amountMinor: reward.amountMinor,
    currency: reward.currency,
    expiresAt: reward.expiresAt,
  };
}
