import {
  formatDate,
  formatMoney,
  greeting,
  mailLanguage,
  renderEmail,
  unsubscribeLink,
  type RenderedEmail,
} from '#mail';
import type { VoucherData } from './voucher-email.js';

export interface CrossSellOfferData {
  locale: string;
  /** The store's, for the voucher's last day. */
  timeZone: string;
  customerName: string | null;
  storeName: string | null;
  /** What the customer bought that led to the offer, and the category offered. */
  bought: string;
  category: string;
  voucher: VoucherData;
  unsubscribeUrl: string;
}

/**
 * A Client's or Advocate's next category, with a member discount: it says why (what they bought, and that
 * others who bought it chose this too), what the voucher is worth and until when, and how to hear no more.
 */
export function renderCrossSellOffer(data: CrossSellOfferData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const unsubscribe = unsubscribeLink(data.unsubscribeUrl, language);
  const value = formatMoney(data.voucher.amountMinor, data.voucher.currency, language);
  const until = formatDate(data.voucher.expiresAt, language, data.timeZone);
  if (language === 'fa') {
    const store = data.storeName ?? 'ما';
    return renderEmail('fa', `پیشنهادی برای شما: ${data.category} با ${value} تخفیف`, {
      paragraphs: [
        greeting(data.customerName, language),
        `از اینکه از مشتریان همیشگی ${store} هستید سپاسگزاریم. بسیاری از کسانی که ${data.bought} خریده‌اند، ${data.category} را هم برگزیده‌اند.`,
        `با کد زیر در خرید بعدی ${data.category} از ${value} تخفیف ویژهٔ اعضا بهره‌مند شوید.`,
      ],
      facts: [
        ['دسته', data.category],
        ['کد تخفیف', data.voucher.code],
        ['مبلغ تخفیف', value],
        ['معتبر تا', until],
      ],
      footer: 'این پیام را به این دلیل دریافت می‌کنید که با دریافت پیشنهادها موافقت کرده‌اید.',
      unsubscribe,
    });
  }
  return renderEmail('en', `For you: ${value} off ${data.category}`, {
    paragraphs: [
      greeting(data.customerName, language),
      `Thank you for shopping with ${data.storeName ?? 'us'} again and again. Many customers who bought ${data.bought} also chose ${data.category}.`,
      `As a member's thank-you, here is ${value} off your next ${data.category}: show the code when you buy.`,
    ],
    facts: [
      ['Category', data.category],
      ['Discount code', data.voucher.code],
      ['Discount', value],
      ['Valid until', until],
    ],
    footer: 'You receive this because you agreed to hear about offers.',
    unsubscribe,
  });
}
