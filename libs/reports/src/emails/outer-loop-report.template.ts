import { type RenderedEmail, formatNumber, label, mailLanguage, renderEmail } from '#mail';

export interface OuterLoopReportData {
  locale: string;
  regionName: string;
  recipientName: string | null;
  rootCauses: Array<{
    rootCause: string;
    perWeek: number[];
    total: number;
    recurring: boolean;
    stores: string[];
  }>;
}

/** The weekly outer-loop report: root causes that keep coming back in a region, for management to fix. */
export function renderOuterLoopReport(data: OuterLoopReportData): RenderedEmail {
  const language = mailLanguage(data.locale);
  const number = (value: number) => formatNumber(value, language);
  const rows = data.rootCauses.map((item): [string, string] => [
    `${label(item.rootCause, language)}${item.recurring ? (language === 'fa' ? ' (تکراری)' : ' (keeps coming back)') : ''}`,
    `${item.perWeek.map(number).join(' · ')} = ${number(item.total)} — ${item.stores.join(', ')}`,
  ]);
  if (language === 'fa') {
    return renderEmail('fa', `گزارش هفتگی علت‌های تکراری: منطقه ${data.regionName}`, {
      paragraphs: [
        data.recipientName ? `${data.recipientName} عزیز،` : 'سلام،',
        `علت‌های اصلی پرونده‌های بسته‌شده در چهار هفته گذشته، هفته به هفته. علت‌هایی که در دست‌کم سه هفته دیده شده‌اند تکراری‌اند و باید در سطح مدیریت رفع شوند.`,
        ...(rows.length ? [] : ['در این چهار هفته پرونده‌ای با علت ثبت‌شده بسته نشد.']),
      ],
      facts: rows,
      footer: 'این گزارش را Ladder هر هفته می‌فرستد.',
    });
  }
  return renderEmail(
    'en',
    `Weekly outer-loop report, ${data.regionName}: the root causes that keep coming back`,
    {
      paragraphs: [
        data.recipientName ? `Dear ${data.recipientName},` : 'Hello,',
        'The root causes your teams found in the cases they resolved over the last four weeks, week by week. Those seen in three weeks or more keep coming back: they need fixing above the store.',
        ...(rows.length ? [] : ['No case with a root cause was resolved in these four weeks.']),
      ],
      facts: rows,
      footer: 'Sent by Ladder every week.',
    },
  );
}
