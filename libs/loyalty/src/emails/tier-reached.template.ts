import { type RenderedEmail, greeting, mailLanguage, renderEmail } from '#mail';
import { type VoucherEmailData, voucherEmailParts } from './voucher-email.js';

export interface TierReachedData extends VoucherEmailData {
  tier: string;
  /** Purchase points are multiplied by this while the member holds the tier. */
  multiplier: number;
  /** The tier's shorter follow-up time, when it has one. */
  slaHours: number | null;
}

/** Tells a member they reached a tier, what it gives them, and hands them its free consultation voucher. */
export function renderTierReached(data: TierReachedData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const common = voucherEmailParts(data, language);
  const tier = data.tier.toUpperCase();
  if (language === 'fa') {
    const benefits = [
      data.multiplier > 1 ? `هر خرید ${data.multiplier.toLocaleString('fa-IR')} برابر امتیاز می‌گیرد` : null,
      data.slaHours !== null
        ? `اگر مشکلی پیش بیاید، در کمتر از ${data.slaHours.toLocaleString('fa-IR')} ساعت با شما تماس می‌گیریم`
        : null,
      'یک مشاورهٔ رایگان، با کد زیر',
    ].filter((benefit): benefit is string => benefit !== null);
    return renderEmail('fa', `به سطح ${tier} باشگاه رسیدید`, {
      ...common,
      paragraphs: [
        greeting(data.customerName, language),
        `از وفاداری شما به ${data.storeName ?? 'ما'} سپاسگزاریم: اکنون عضو سطح ${tier} هستید. مزایای شما: ${benefits.join('؛ ')}.`,
      ],
      footer: 'این پیام به این دلیل فرستاده شده است که عضو باشگاه مشتریان ما هستید.',
    });
  }
  const benefits = [
    data.multiplier > 1 ? `${data.multiplier}× points on every purchase` : null,
    data.slaHours !== null ? `a call back within ${data.slaHours} hours if anything goes wrong` : null,
    'a free consultation, with the code below',
  ].filter((benefit): benefit is string => benefit !== null);
  return renderEmail('en', `You reached ${tier} in our loyalty club`, {
    ...common,
    paragraphs: [
      greeting(data.customerName, language),
      `Thank you for your loyalty to ${data.storeName ?? 'us'}: you are now a ${tier} member. Your benefits: ${benefits.join('; ')}.`,
    ],
    footer: 'You receive this because you are a member of our loyalty club.',
  });
}
