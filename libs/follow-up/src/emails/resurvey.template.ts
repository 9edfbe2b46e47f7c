import { type RenderedEmail, greeting, mailLanguage, renderEmail, unsubscribeLink } from '#mail';

export interface ResurveyData {
  locale: string;
  customerName: string | null;
  storeName: string;
  /** The page where the customer answers (one click, then send). */
  answerUrl: string;
  unsubscribeUrl: string;
}

/** Some days after we followed up, we ask the customer how likely they are to recommend us now. */
export function renderResurvey(data: ResurveyData): RenderedEmail {
  const language = mailLanguage(data.locale);
  if (language === 'fa') {
    return renderEmail('fa', `نظر شما درباره ${data.storeName} اکنون چیست؟`, {
      paragraphs: [
        greeting(data.customerName, language),
        `چند روز پیش درباره تجربه‌تان در ${data.storeName} با شما صحبت کردیم. می‌خواهیم بدانیم اکنون چقدر احتمال دارد ما را به دوستانتان پیشنهاد کنید.`,
      ],
      action: { label: 'پاسخ به یک پرسش', url: data.answerUrl },
      footer: 'این پیام در پی پیگیری درخواست شما فرستاده شده است.',
      unsubscribe: unsubscribeLink(data.unsubscribeUrl, language),
    });
  }
  return renderEmail('en', `How do you feel about ${data.storeName} now?`, {
    paragraphs: [
      greeting(data.customerName, language),
      `A few days ago we followed up on your experience at ${data.storeName}. We would like to know: how likely are you now to recommend us to a friend?`,
    ],
    action: { label: 'Answer one question', url: data.answerUrl },
    footer: 'You receive this because we followed up on your feedback.',
    unsubscribe: unsubscribeLink(data.unsubscribeUrl, language),
  });
}
