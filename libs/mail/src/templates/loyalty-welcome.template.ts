import { renderEmail, type RenderedEmail } from './layout.js';
import { formatDate, formatMoney, mailLanguage } from './locale.js';
import { UNSUBSCRIBE_LABEL } from './unsubscribe.js';

export interface VoucherData {
  code: string;
  amountMinor: number;
  currency: string;
  expiresAt: Date;
}

export interface LoyaltyWelcomeData {
  locale: string;
  timeZone: string;
  customerName: string | null;
  storeName: string | null;
  voucher: VoucherData;
  referralCode: string;
  shareUrl: string;
  unsubscribeUrl: string;
}

/** Confirms a new member's place in the club and keeps their welcome voucher and referral code in the inbox. */
export function renderLoyaltyWelcome(data: LoyaltyWelcomeData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const value = formatMoney(data.voucher.amountMinor, data.voucher.currency, language);
  const until = formatDate(data.voucher.expiresAt, language, data.timeZone);
  if (language === 'fa') {
    const store = data.storeName ?? 'ما';
    return renderEmail('fa', `به باشگاه مشتریان ${store} خوش آمدید`, {
      paragraphs: [
        data.customerName ? `${data.customerName} عزیز،` : 'مشتری گرامی،',
        'عضویت شما در باشگاه مشتریان ثبت شد. هدیهٔ خوش‌آمد شما در زیر آمده است؛ هنگام خرید کد آن را ارائه کنید.',
        'پیوند زیر را برای دوستانتان بفرستید: نخستین خرید آن‌ها با کد معرفی شما، برایتان هدیه‌ای دیگر می‌آورد.',
      ],
      facts: [
        ['کد هدیه', data.voucher.code],
        ['مبلغ', value],
        ['معتبر تا', until],
        ['کد معرفی شما', data.referralCode],
      ],
      action: { label: 'پیوند معرفی به دوستان', url: data.shareUrl },
      footer: 'این پیام در پاسخ به عضویت شما در باشگاه فرستاده شده است.',
      unsubscribe: { label: UNSUBSCRIBE_LABEL.fa, url: data.unsubscribeUrl },
    });
  }
  const store = data.storeName ?? 'our';
  return renderEmail('en', `Welcome to the ${store} loyalty club`, {
    paragraphs: [
      data.customerName ? `Dear ${data.customerName},` : 'Dear customer,',
      'You are now a member of our loyalty club. Here is your welcome gift: show the code when you buy.',
      'Send the link below to your friends: their first purchase with your referral code earns you another reward.',
    ],
    facts: [
      ['Voucher code', data.voucher.code],
      ['Value', value],
      ['Valid until', until],
      ['Your referral code', data.referralCode],
    ],
    action: { label: 'Your link to share', url: data.shareUrl },
    footer: 'You receive this because you joined our loyalty club.',
    unsubscribe: { label: UNSUBSCRIBE_LABEL.en, url: data.unsubscribeUrl },
  });
}
