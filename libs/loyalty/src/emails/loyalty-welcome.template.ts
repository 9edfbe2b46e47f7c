import { type RenderedEmail, greeting, mailLanguage, renderEmail } from '#mail';
import { type VoucherEmailData, voucherEmailParts } from './voucher-email.js';

export interface LoyaltyWelcomeData extends VoucherEmailData {
  shareUrl: string;
}

/** Confirms a new member's place in the club and keeps their welcome voucher and referral code in the inbox. */
export function renderLoyaltyWelcome(data: LoyaltyWelcomeData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const common = voucherEmailParts(data, language);
  if (language === 'fa') {
    return renderEmail('fa', `به باشگاه مشتریان ${data.storeName ?? 'ما'} خوش آمدید`, {
      ...common,
      paragraphs: [
        greeting(data.customerName, language),
        'عضویت شما در باشگاه مشتریان ثبت شد. هدیهٔ خوش‌آمد شما در زیر آمده است؛ هنگام خرید کد آن را ارائه کنید.',
        'پیوند زیر را برای دوستانتان بفرستید: نخستین خرید آن‌ها با کد معرفی شما، برایتان هدیه‌ای دیگر می‌آورد.',
      ],
      action: { label: 'پیوند معرفی به دوستان', url: data.shareUrl },
      footer: 'این پیام در پاسخ به عضویت شما در باشگاه فرستاده شده است.',
    });
  }
  return renderEmail('en', `Welcome to the ${data.storeName ?? 'our'} loyalty club`, {
    ...common,
    paragraphs: [
      greeting(data.customerName, language),
      'You are now a member of our loyalty club. Here is your welcome gift: show the code when you buy.',
      'Send the link below to your friends: their first purchase with your referral code earns you another reward.',
    ],
    action: { label: 'Your link to share', url: data.shareUrl },
    footer: 'You receive this because you joined our loyalty club.',
  });
}
