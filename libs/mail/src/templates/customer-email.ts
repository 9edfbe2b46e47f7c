import type { MailLanguage } from './locale.js';

/** How every customer e-mail opens. */
export function greeting(customerName: string | null, language: MailLanguage): string {
  if (language === 'fa') return customerName ? `${customerName} عزیز،` : 'مشتری گرامی،';
  return customerName ? `Dear ${customerName},` : 'Dear customer,';
}

/** The unsubscribe link every customer e-mail carries, in its language. */
export function unsubscribeLink(url: string, language: MailLanguage): { label: string; url: string } {
  return {
    label:
      language === 'fa'
        ? 'لغو اشتراک: دیگر ایمیلی از ما دریافت نکنید'
        : 'Unsubscribe: receive no more e-mail from us',
    url,
  };
}
