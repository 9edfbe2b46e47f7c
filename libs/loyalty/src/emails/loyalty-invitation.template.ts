import { type RenderedEmail, formatDate, greeting, mailLanguage, renderEmail, unsubscribeLink } from '#mail';

export interface LoyaltyInvitationData {
  locale: string;
  timeZone: string;
  customerName: string | null;
  storeName: string | null;
  referralCode: string;
  /** The signed link that makes the customer a member. */
  joinUrl: string;
  /** When the join link stops working. */
  joinBy: Date;
  unsubscribeUrl: string;
}

/** Thanks a promoter and invites them to the loyalty club, with their personal referral code. */
export function renderLoyaltyInvitation(data: LoyaltyInvitationData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const joinBy = formatDate(data.joinBy, language, data.timeZone);
  if (language === 'fa') {
    const store = data.storeName ?? 'ما';
    return renderEmail('fa', 'از شما سپاسگزاریم؛ به باشگاه مشتریان ما بپیوندید', {
      paragraphs: [
        greeting(data.customerName, language),
        `از اینکه ${store} را به دوستانتان پیشنهاد می‌کنید بسیار خوشحالیم. شما را به باشگاه مشتریان دعوت می‌کنیم: عضویت، هدیهٔ خوش‌آمد و تخفیف‌های ویژه.`,
        'کد معرفی شخصی شما در زیر آمده است. آن را با دوستانتان به اشتراک بگذارید؛ وقتی با این کد نخستین خریدشان را انجام دهند، شما هدیه می‌گیرید.',
        `این دعوت تا ${joinBy} معتبر است.`,
      ],
      facts: [['کد معرفی شما', data.referralCode]],
      action: { label: 'عضویت در باشگاه', url: data.joinUrl },
      footer: 'این پیام را به این دلیل دریافت کرده‌اید که با دریافت پیام‌های تبلیغاتی موافقت کرده‌اید.',
      unsubscribe: unsubscribeLink(data.unsubscribeUrl, language),
    });
  }
  const store = data.storeName ?? 'us';
  return renderEmail('en', 'Thank you! Join our loyalty club', {
    paragraphs: [
      greeting(data.customerName, language),
      `We are delighted you would recommend ${store} to a friend. We would like to invite you to our loyalty club: membership, a welcome gift and member-only discounts.`,
      'Below is your personal referral code. Share it with friends: when they make their first purchase with it, you get a reward.',
      `This invitation is open until ${joinBy}.`,
    ],
    facts: [['Your referral code', data.referralCode]],
    action: { label: 'Join the club', url: data.joinUrl },
    footer: 'You receive this because you agreed to hear from us about offers.',
    unsubscribe: unsubscribeLink(data.unsubscribeUrl, language),
  });
}
