import { type RenderedEmail, formatDateTime, formatNumber, mailLanguage, renderEmail } from '#mail';

export interface CaseAlertData {
  locale: string;
  timeZone: string;
  caseUrl: string;
  storeId: string;
  storeName: string | null;
  /** True when the store is not in the directory and the alert goes to the fallback owner. */
  unknownStore: boolean;
  managerName: string | null;
  customer: { id: string; name: string | null; email: string | null; phone: string | null };
  score: number;
  comment: string | null;
  answeredAt: Date;
  dueAt: Date;
}

/** The detractor alert to a store manager: who, how unhappy, what they said, by when to call. */
export function renderCaseAlert(data: CaseAlertData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const store = data.storeName ?? data.storeId;
  const who = data.customer.name ?? data.customer.id;
  const contact = [data.customer.phone, data.customer.email].filter(Boolean).join(' · ');
  if (language === 'fa') {
    return renderEmail('fa', `مشتری ناراضی در ${store}: امتیاز ${formatNumber(data.score, 'fa')} از ۱۰`, {
      paragraphs: [
        data.managerName ? `${data.managerName} عزیز،` : 'سلام،',
        `${who} به فروشگاه ${store} امتیاز ${formatNumber(data.score, 'fa')} از ۱۰ داده است. لطفاً با او تماس بگیرید، عذرخواهی کنید و علت اصلی را پیدا کنید.`,
        ...(data.unknownStore
          ? ['این فروشگاه در فهرست فروشگاه‌ها نیست؛ این پرونده به شما به عنوان مسئول پیش‌فرض سپرده شده است.']
          : []),
      ],
      facts: [
        ['مشتری', who],
        ...(contact ? ([['تماس', contact]] as Array<[string, string]>) : []),
        ['امتیاز', `${formatNumber(data.score, 'fa')} از ۱۰`],
        ['زمان پاسخ', formatDateTime(data.answeredAt, 'fa', data.timeZone)],
        ['مهلت پیگیری', formatDateTime(data.dueAt, 'fa', data.timeZone)],
      ],
      quote: data.comment ?? undefined,
      action: { label: 'مشاهده پرونده', url: data.caseUrl },
      footer: 'این پیام را Ladder فرستاده است.',
    });
  }
  return renderEmail('en', `Unhappy customer at ${store}: scored ${data.score} out of 10`, {
    paragraphs: [
      data.managerName ? `Dear ${data.managerName},` : 'Hello,',
      `${who} scored ${store} ${data.score} out of 10. Please call them, apologise and find the root cause.`,
      ...(data.unknownStore
        ? ['This store is not in the directory, so the case was given to you as the fallback owner.']
        : []),
    ],
    facts: [
      ['Customer', who],
      ...(contact ? ([['Contact', contact]] as Array<[string, string]>) : []),
      ['Score', `${data.score} / 10`],
      ['Answered', formatDateTime(data.answeredAt, 'en', data.timeZone)],
      ['Follow up by', formatDateTime(data.dueAt, 'en', data.timeZone)],
    ],
    quote: data.comment ?? undefined,
    action: { label: 'Open the case', url: data.caseUrl },
    footer: 'Sent by Ladder.',
  });
}
