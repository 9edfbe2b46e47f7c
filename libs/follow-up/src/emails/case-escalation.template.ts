import { type RenderedEmail, formatDateTime, formatNumber, label, mailLanguage, renderEmail } from '#mail';

export interface CaseEscalationData {
  locale: string;
  timeZone: string;
  caseUrl: string;
  storeName: string;
  recipientName: string | null;
  to: 'store-manager' | 'regional-manager';
  level: number;
  customerId: string;
  score: number;
  comment: string | null;
  dueAt: Date;
  ownerName: string | null;
  status: string;
}

/** A case ran past its SLA: the store manager, then the regional manager, is asked to step in. */
export function renderCaseEscalation(data: CaseEscalationData): RenderedEmail {
  const language = mailLanguage(data.locale);
  if (language === 'fa') {
    return renderEmail(
      'fa',
      `پرونده دیرکرد دارد: ${data.storeName} (مرحله ${formatNumber(data.level, 'fa')})`,
      {
        paragraphs: [
          data.recipientName ? `${data.recipientName} عزیز،` : 'سلام،',
          `پیگیری مشتری ${data.customerId} در ${data.storeName} از مهلتش گذشته و هنوز بسته نشده است. لطفاً به عنوان ${label(data.to, 'fa')} پیگیری کنید.`,
        ],
        facts: [
          ['امتیاز', `${formatNumber(data.score, 'fa')} از ۱۰`],
          ['مهلت', formatDateTime(data.dueAt, 'fa', data.timeZone)],
          ['مسئول', data.ownerName ?? 'بدون مسئول'],
        ],
        quote: data.comment ?? undefined,
        action: { label: 'مشاهده پرونده', url: data.caseUrl },
        footer: 'این پیام را Ladder فرستاده است.',
      },
    );
  }
  return renderEmail('en', `Overdue case at ${data.storeName} (escalation ${data.level})`, {
    paragraphs: [
      data.recipientName ? `Dear ${data.recipientName},` : 'Hello,',
      `The follow-up of customer ${data.customerId} at ${data.storeName} is past its due time and still open. Please step in as ${label(data.to, 'en')}.`,
    ],
    facts: [
      ['Score', `${data.score} / 10`],
      ['Was due', formatDateTime(data.dueAt, 'en', data.timeZone)],
      ['Owner', data.ownerName ?? 'nobody has claimed it'],
    ],
    quote: data.comment ?? undefined,
    action: { label: 'Open the case', url: data.caseUrl },
    footer: 'Sent by Ladder.',
  });
}
