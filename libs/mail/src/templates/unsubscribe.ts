import type { MailLanguage } from './locale.js';

/** The words of the unsubscribe link every customer e-mail carries. */
export const UNSUBSCRIBE_LABEL: Record<MailLanguage, string> = {
  en: 'Unsubscribe: receive no more e-mail from us',
  fa: 'لغو اشتراک: دیگر ایمیلی از ما دریافت نکنید',
};
