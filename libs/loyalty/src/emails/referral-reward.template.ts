import { type RenderedEmail, greeting, mailLanguage, renderEmail } from '#mail';
import { type VoucherEmailData, voucherEmailParts } from './voucher-email.js';

export type ReferralRewardData = VoucherEmailData;

/** Tells a member that a friend they referred bought, and gives them the reward for it. */
export function renderReferralReward(data: ReferralRewardData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const common = voucherEmailParts(data, language);
  if (language === 'fa') {
    return renderEmail('fa', 'دوست شما خرید کرد؛ این هدیه برای شماست', {
      ...common,
      paragraphs: [
        greeting(data.customerName, language),
        `یکی از دوستانتان با کد معرفی شما نخستین خریدش را از ${data.storeName ?? 'ما'} انجام داد. از اینکه ما را معرفی کردید سپاسگزاریم؛ هدیهٔ شما در زیر آمده است.`,
      ],
      footer: 'این پیام به این دلیل فرستاده شده است که عضو باشگاه مشتریان ما هستید.',
    });
  }
  return renderEmail('en', 'Your friend bought: here is your reward', {
    ...common,
    paragraphs: [
      greeting(data.customerName, language),
      `A friend made their first purchase at ${data.storeName ?? 'us'} with your referral code. Thank you for recommending us: your reward is below.`,
    ],
    footer: 'You receive this because you are a member of our loyalty club.',
  });
}
