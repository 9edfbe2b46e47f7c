import { voucherFacts, type VoucherData } from '#loyalty';
import { escapeHtml, formatDate, mailLanguage } from '#mail';
import { customerPageHtml } from './customer-page.js';

/** What the join link's page shows: the membership, or why there is none. */
export type JoinPage =
  | {
      state: 'joined' | 'already-member';
      locale: string;
      timeZone: string;
      storeName: string;
      customerName: string | null;
      joinedAt: Date;
      voucher: VoucherData | null;
      referralCode: string;
      shareUrl: string;
    }
  | {
      /** Invited, not a member yet: one click joins (a link scanner's GET must join no one). */
      state: 'ask';
      locale: string;
      storeName: string;
      customerName: string | null;
      action: string;
    }
  | { state: 'expired' | 'invalid' };

export type UnsubscribePage =
  | {
      state: 'ask' | 'unsubscribed' | 'already-unsubscribed';
      locale: string;
      storeName: string | null;
      action: string;
    }
  | { state: 'invalid' };

export type ReferPage =
  { state: 'valid'; locale: string; storeName: string; referralCode: string } | { state: 'invalid' };

const TEXT = {
  en: {
    joinTitle: 'Loyalty club',
    joined: (name: string | null) => `Welcome to the club${name ? `, ${name}` : ''}! You are now a member.`,
    alreadyMember: (name: string | null) =>
      `${name ? `${name}, you` : 'You'} are already a member. Nothing more to do.`,
    joinAsk: (name: string | null, store: string) =>
      `${name ? `${name}, join` : 'Join'} the ${store} loyalty club: a welcome voucher now, and a reward for every friend you bring.`,
    joinButton: 'Join the club',
    memberSince: 'Member since',
    referralCode: 'Your referral code',
    share: 'Share this link with friends: their first purchase with your code earns you a reward.',
    expired: 'This invitation has expired. Answer our next survey and we may invite you again.',
    invalid: 'This link is not valid. Check that you copied all of it.',
    unsubscribeTitle: 'Unsubscribe',
    unsubscribeAsk: (store: string | null) =>
      `Stop all e-mail from ${store ?? 'us'}: invitations, offers and questions about your visits.`,
    unsubscribeButton: 'Unsubscribe',
    unsubscribed: 'You are unsubscribed. You will receive no more e-mail from us.',
    referTitle: 'A friend invites you',
    refer: (store: string) => `A friend who loves ${store} invites you to shop with us.`,
    referCode: 'Give this code when you make your first purchase:',
    referInvalid: 'This referral code is not valid.',
  },
  fa: {
    joinTitle: 'باشگاه مشتریان',
    joined: (name: string | null) => `${name ? `${name} عزیز، ` : ''}به باشگاه خوش آمدید! عضویت شما ثبت شد.`,
    alreadyMember: (name: string | null) =>
      `${name ? `${name} عزیز، ` : ''}شما پیش‌تر عضو شده‌اید. کار دیگری لازم نیست.`,
    joinAsk: (name: string | null, store: string) =>
      `${name ? `${name} عزیز، ` : ''}به باشگاه مشتریان ${store} بپیوندید: همین حالا یک کارت هدیه، و برای هر دوستی که بیاورید یک پاداش.`,
    joinButton: 'عضویت در باشگاه',
    memberSince: 'عضو از',
    referralCode: 'کد معرفی شما',
    share: 'این پیوند را برای دوستانتان بفرستید: نخستین خرید آن‌ها با کد شما، برایتان هدیه می‌آورد.',
    expired: 'مهلت این دعوت به پایان رسیده است. در نظرسنجی بعدی شرکت کنید؛ شاید دوباره دعوتتان کنیم.',
    invalid: 'این پیوند معتبر نیست. بررسی کنید که همهٔ آن را رونوشت کرده باشید.',
    unsubscribeTitle: 'لغو اشتراک',
    unsubscribeAsk: (store: string | null) =>
      `دیگر هیچ ایمیلی از ${store ?? 'ما'} دریافت نکنید: دعوت‌ها، پیشنهادها و پرسش‌ها دربارهٔ خریدهایتان.`,
    unsubscribeButton: 'لغو اشتراک',
    unsubscribed: 'اشتراک شما لغو شد. دیگر ایمیلی از ما دریافت نمی‌کنید.',
    referTitle: 'دوستتان شما را دعوت کرده است',
    refer: (store: string) =>
      `یکی از دوستانتان که ${store} را دوست دارد، شما را به خرید از ما دعوت کرده است.`,
    referCode: 'هنگام نخستین خرید این کد را ارائه کنید:',
    referInvalid: 'این کد معرفی معتبر نیست.',
  },
};

function facts(rows: Array<[string, string]>): string {
  return `<dl class="facts">${rows
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd><strong>${escapeHtml(value)}</strong></dd>`)
    .join('')}</dl>`;
}

/** The page behind the invitation's link, in the customer's language. */
export function renderJoinPage(view: JoinPage): string {
  if (!('locale' in view)) {
    return customerPageHtml(
      'en',
      TEXT.en.joinTitle,
      TEXT.en.joinTitle,
      `<p role="alert">${escapeHtml(TEXT.en[view.state])}</p>`,
    );
  }
  const language = mailLanguage(view.locale);
  const t = TEXT[language];
  if (view.state === 'ask') {
    return customerPageHtml(
      language,
      t.joinTitle,
      view.storeName,
      `<p data-state="ask">${escapeHtml(t.joinAsk(view.customerName, view.storeName))}</p>
<form method="post" action="${escapeHtml(view.action)}"><button class="primary" type="submit">${escapeHtml(t.joinButton)}</button></form>`,
    );
  }
  // The voucher as the welcome e-mail shows it, so the page and the inbox read alike.
  const rows: Array<[string, string]> = [
    [t.memberSince, formatDate(view.joinedAt, language, view.timeZone)],
    ...(view.voucher
      ? voucherFacts(view.voucher, view.referralCode, language, view.timeZone)
      : [[t.referralCode, view.referralCode] as [string, string]]),
  ];
  const status = view.state === 'joined' ? t.joined(view.customerName) : t.alreadyMember(view.customerName);
  return customerPageHtml(
    language,
    t.joinTitle,
    view.storeName,
    `<p role="status" data-state="${view.state}">${escapeHtml(status)}</p>
${facts(rows)}
<p>${escapeHtml(t.share)}</p>
<p><a class="share" href="${escapeHtml(view.shareUrl)}" dir="ltr">${escapeHtml(view.shareUrl)}</a></p>`,
  );
}

/** The page behind every customer e-mail's unsubscribe link: a button (link scanners must not unsubscribe), then the answer. */
export function renderUnsubscribePage(view: UnsubscribePage): string {
  if (view.state === 'invalid') {
    return customerPageHtml(
      'en',
      TEXT.en.unsubscribeTitle,
      TEXT.en.unsubscribeTitle,
      `<p role="alert">${escapeHtml(TEXT.en.invalid)}</p>`,
    );
  }
  const language = mailLanguage(view.locale);
  const t = TEXT[language];
  const body =
    view.state === 'ask'
      ? `<p>${escapeHtml(t.unsubscribeAsk(view.storeName))}</p>
<form method="post" action="${escapeHtml(view.action)}"><button class="primary" type="submit">${escapeHtml(t.unsubscribeButton)}</button></form>`
      : `<p role="status" data-state="${view.state}">${escapeHtml(t.unsubscribed)}</p>`;
  return customerPageHtml(language, t.unsubscribeTitle, view.storeName ?? t.unsubscribeTitle, body);
}

/** The page a member's share link leads to: the store and the code a friend gives at their first purchase. */
export function renderReferPage(view: ReferPage): string {
  if (view.state === 'invalid') {
    return customerPageHtml(
      'en',
      TEXT.en.referTitle,
      TEXT.en.referTitle,
      `<p role="alert">${escapeHtml(TEXT.en.referInvalid)}</p>`,
    );
  }
  const language = mailLanguage(view.locale);
  const t = TEXT[language];
  return customerPageHtml(
    language,
    t.referTitle,
    view.storeName,
    `<p>${escapeHtml(t.refer(view.storeName))}</p>
<p>${escapeHtml(t.referCode)}</p>
<p class="code" dir="ltr"><strong>${escapeHtml(view.referralCode)}</strong></p>`,
  );
}
