import { renderEmail, type RenderedEmail } from './layout.js';
import { mailLanguage } from './locale.js';

export interface LoyaltyInvitationData {
  locale: string;
  customerName: string | null;
  storeName: string | null;
  referralCode: string;
}

/** Thanks a promoter and invites them to the loyalty club, with their personal referral code. */
export function renderLoyaltyInvitation(data: LoyaltyInvitationData): RenderedEmail {
  const language = mailLanguage(data.locale);
  if (language === 'fa') {
    const store = data.storeName ?? 'ما';
    return renderEmail('fa', 'از شما سپاسگزاریم؛ به باشگاه مشتریان ما بپیوندید', {
      paragraphs: [
        data.customerName ? `${data.customerName} عزیز،` : 'مشتری گرامی،',
        `از اینکه ${store} را به دوستانتان پیشنهاد می‌کنید بسیار خوشحالیم. شما را به باشگاه مشتریان دعوت می‌کنیم: عضویت، هدیه و تخفیف‌های ویژه.`,
        'کد معرفی شخصی شما در زیر آمده است. آن را با دوستانتان به اشتراک بگذارید؛ وقتی با این کد خرید کنند، هم آن‌ها و هم شما هدیه می‌گیرید.',
      ],
      facts: [['کد معرفی شما', data.referralCode]],
      footer: 'این پیام را به این دلیل دریافت کرده‌اید که با دریافت پیام‌های تبلیغاتی موافقت کرده‌اید.',
    });
  }
  const store = data.storeName ?? 'us';
  return renderEmail('en', 'Thank you! Join our loyalty club', {
    paragraphs: [
      data.customerName ? `Dear ${data.customerName},` : 'Dear customer,',
      `We are delighted you would recommend ${store} to a friend. We would like to invite you to our loyalty club: membership, gifts and member-only discounts.`,
      'Below is your personal referral code. Share it with friends: when they buy with it, they and you both get a reward.',
    ],
    facts: [['Your referral code', data.referralCode]],
    footer: 'You receive this because you agreed to hear from us about offers.',
  });
}
