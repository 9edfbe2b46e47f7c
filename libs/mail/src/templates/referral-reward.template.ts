import { renderEmail, type RenderedEmail } from './layout.js';
import { formatDate, formatMoney, mailLanguage } from './locale.js';
import type { VoucherData } from './loyalty-welcome.template.js';
import { UNSUBSCRIBE_LABEL } from './unsubscribe.js';

export interface ReferralRewardData {
  locale: string;
  timeZone: string;
  customerName: string | null;
  storeName: string | null;
  voucher: VoucherData;
  referralCode: string;
  unsubscribeUrl: string;
}

/** Tells a member that a friend they referred bought, and gives them the reward for it. */
export function renderReferralReward(data: ReferralRewardData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const value = formatMoney(data.voucher.amountMinor, data.voucher.currency, language);
  const until = formatDate(data.voucher.expiresAt, language, data.timeZone);
  if (language === 'fa') {
    const store = data.storeName ?? 'ما';
    return renderEmail('fa', 'دوست شما خرید کرد؛ این هدیه برای شماست', {
      paragraphs: [
        data.customerName ? `${data.customerName} عزیز،` : 'مشتری گرامی،',
        `یکی از دوستانتان با کد معرفی شما نخستین خریدش را از ${store} انجام داد. از اینکه ما را معرفی کردید سپاسگزاریم؛ هدیهٔ شما در زیر آمده است.`,
      ],
      facts: [
        ['کد هدیه', data.voucher.code],
        ['مبلغ', value],
        ['معتبر تا', until],
        ['کد معرفی شما', data.referralCode],
      ],
      footer: 'این پیام به این دلیل فرستاده شده است که عضو باشگاه مشتریان ما هستید.',
      unsubscribe: { label: UNSUBSCRIBE_LABEL.fa, url: data.unsubscribeUrl },
    });
  }
  const store = data.storeName ?? 'us';
  return renderEmail('en', 'Your friend bought: here is your reward', {
    paragraphs: [
      data.customerName ? `Dear ${data.customerName},` : 'Dear customer,',
      `A friend made their first purchase at ${store} with your referral code. Thank you for recommending us: your reward is below.`,
    ],
    facts: [
      ['Voucher code', data.voucher.code],
      ['Value', value],
      ['Valid until', until],
      ['Your referral code', data.referralCode],
    ],
    footer: 'You receive this because you are a member of our loyalty club.',
    unsubscribe: { label: UNSUBSCRIBE_LABEL.en, url: data.unsubscribeUrl },
  });
}
