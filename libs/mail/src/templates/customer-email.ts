import { formatDate, formatMoney, type MailLanguage } from './locale.js';

/** A voucher as a customer e-mail shows it. */
export interface VoucherData {
  code: string;
  amountMinor: number;
  currency: string;
  expiresAt: Date;
}

/** How every customer e-mail opens. */
export function greeting(customerName: string | null, language: MailLanguage): string {
  if (language === 'fa') return customerName ? `${customerName} عزیز،` : 'مشتری گرامی،';
  return customerName ? `Dear ${customerName},` : 'Dear customer,';
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

/** The unsubscribe link every customer e-mail carries, in its language. */
export function unsubscribeLink(url: string, language: MailLanguage): { label: string; url: string } {
  return {
    label:
      language === 'fa'
        ? 'لغو اشتراک: دیگر ایمیلی از ما دریافت نکنید'
        : 'Unsubscribe: receive no more e-mail from us',
    url,
  };
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
