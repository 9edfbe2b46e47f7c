import { type RenderedEmail, greeting, mailLanguage, renderEmail, unsubscribeLink } from '#mail';

export interface PromoterThanksData {
  locale: string;
  customerName: string | null;
  storeName: string | null;
  score: number;
  unsubscribeUrl: string;
}

/**
 * A thank-you for a 9 or a 10 from a customer who gave no consent to marketing: no offer, no club, no link
 * to buy; only thanks, and the way to hear nothing more.
 */
export function renderPromoterThanks(data: PromoterThanksData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const unsubscribe = unsubscribeLink(data.unsubscribeUrl, language);
  if (language === 'fa') {
    const store = data.storeName ?? 'ما';
    return renderEmail('fa', `از شما سپاسگزاریم`, {
      paragraphs: [
        greeting(data.customerName, language),
        `از اینکه به ${store} امتیاز ${data.score.toLocaleString('fa-IR')} از ۱۰ دادید صمیمانه سپاسگزاریم.`,
        'همکاران ما این پیام را می‌خوانند و از آن دلگرم می‌شوند. امیدواریم باز هم در خدمتتان باشیم.',
      ],
      footer: 'این پیام تنها برای سپاس از پاسخ شما فرستاده شده و پیام تبلیغاتی نیست.',
      unsubscribe,
    });
  }
  return renderEmail('en', 'Thank you', {
    paragraphs: [
      greeting(data.customerName, language),
      `Thank you for giving ${data.storeName ?? 'us'} a ${data.score} out of 10.`,
      'Our team reads every answer, and yours made their day. We look forward to seeing you again.',
    ],
    footer: 'We send this only to thank you for your answer; it is not an offer.',
    unsubscribe,
  });
}
