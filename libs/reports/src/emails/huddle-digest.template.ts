import {
  type MailLanguage,
  direction,
  escapeHtml,
  formatDateTime,
  formatNumber,
  label,
  mailLanguage,
} from '#mail';
import type { RenderedEmail } from '#mail';

export interface HuddleDigestData {
  locale: string;
  timezone: string;
  storeName: string;
  day: string;
  openCases: number;
  overdueCases: number;
  topCases: Array<{
    customerId: string;
    score: number;
    dueAt: Date;
    overdue: boolean;
    ownerName: string | null;
    url: string;
  }>;
  detractorThemes: Array<{ theme: string; answers: number }>;
  rootCauses: Array<{ rootCause: string; cases: number }>;
  tens: Array<{ employeeName: string | null; comment: string | null }>;
  leaderboard: Array<{ employeeName: string; responses: number; nps: number }>;
  minimumSample: number;
}

const TEXT = {
  en: {
    subject: (store: string, day: string) => `Daily huddle, ${store}: ${day}`,
    intro: (store: string) => `Good morning, ${store}. Here is what to talk about today.`,
    cases: (open: string, overdue: string) => `${open} open cases, ${overdue} of them overdue.`,
    topCases: 'Call first',
    noCases: 'No open cases. Well done.',
    themes: "Yesterday's unhappy customers talked about",
    noThemes: 'No unhappy customers yesterday.',
    rootCauses: 'Root causes found yesterday',
    tens: 'The 10s to celebrate',
    noTens: 'No 10s yesterday.',
    someone: 'the team',
    leaderboard: (sample: string) => `Employees by NPS, last 30 days (at least ${sample} answers)`,
    noLeaderboard: (sample: string) => `Nobody has ${sample} answers yet; no ranking.`,
    overdue: 'overdue',
    due: 'due',
    unclaimed: 'unclaimed',
  },
  fa: {
    subject: (store: string, day: string) => `جلسه روزانه ${store}: ${day}`,
    intro: (store: string) => `صبح بخیر ${store}. موضوعات جلسه امروز:`,
    cases: (open: string, overdue: string) => `${open} پرونده باز، ${overdue} مورد دیرکرد دارد.`,
    topCases: 'اول با این مشتریان تماس بگیرید',
    noCases: 'هیچ پرونده بازی نیست. آفرین.',
    themes: 'مشتریان ناراضی دیروز درباره این‌ها گفتند',
    noThemes: 'دیروز مشتری ناراضی نداشتیم.',
    rootCauses: 'علت‌های اصلی که دیروز پیدا شد',
    tens: 'امتیازهای ۱۰ که باید جشن گرفت',
    noTens: 'دیروز امتیاز ۱۰ نداشتیم.',
    someone: 'تیم',
    leaderboard: (sample: string) => `رتبه کارکنان بر اساس NPS، ۳۰ روز گذشته (دست‌کم ${sample} پاسخ)`,
    noLeaderboard: (sample: string) => `هنوز کسی ${sample} پاسخ ندارد؛ رتبه‌بندی نیست.`,
    overdue: 'دیرکرد',
    due: 'مهلت',
    unclaimed: 'بدون مسئول',
  },
} as const;

/** The daily huddle digest of a store, in its language: what to fix and whom to celebrate. */
export function renderHuddleDigest(data: HuddleDigestData): RenderedEmail {
  const language: MailLanguage = mailLanguage(data.locale);
  const t = TEXT[language];
  const number = (value: number) => formatNumber(value, language);
  const dayText = formatDateTime(new Date(`${data.day}T12:00:00Z`), language, data.timezone).split(
    /,| at | ساعت /,
  )[0]!;
  // A case line links to the case in HTML and carries its address in plain text.
  const sections: Array<{ title: string; lines: string[]; links?: string[]; empty: string }> = [
    {
      title: t.topCases,
      lines: data.topCases.map(
        (item) =>
          `${item.customerId} · ${number(item.score)}/${number(10)} · ${item.overdue ? t.overdue : t.due} ${formatDateTime(item.dueAt, language, data.timezone)} · ${item.ownerName ?? t.unclaimed}`,
      ),
      links: data.topCases.map((item) => item.url),
      empty: t.noCases,
    },
    {
      title: t.themes,
      lines: data.detractorThemes.map((item) => `${label(item.theme, language)}: ${number(item.answers)}`),
      empty: t.noThemes,
    },
    {
      title: t.rootCauses,
      lines: data.rootCauses.map((item) => `${label(item.rootCause, language)}: ${number(item.cases)}`),
      empty: '–',
    },
    {
      title: t.tens,
      lines: data.tens.map(
        (item) => `${item.employeeName ?? t.someone}${item.comment ? `: “${item.comment}”` : ''}`,
      ),
      empty: t.noTens,
    },
    {
      title: t.leaderboard(number(data.minimumSample)),
      lines: data.leaderboard.map(
        (item, index) =>
          `${number(index + 1)}. ${item.employeeName}: NPS ${number(item.nps)} (${number(item.responses)})`,
      ),
      empty: t.noLeaderboard(number(data.minimumSample)),
    },
  ];
  const subject = t.subject(data.storeName, dayText);
  const dir = direction(language);
  const align = dir === 'rtl' ? 'right' : 'left';
  const html = `<!doctype html>
<html lang="${language}" dir="${dir}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body dir="${dir}" style="font-family:${language === 'fa' ? 'Tahoma, sans-serif' : 'Helvetica, Arial, sans-serif'};text-align:${align};line-height:1.6;color:#222">
<p>${escapeHtml(t.intro(data.storeName))}</p>
<p><strong>${escapeHtml(t.cases(number(data.openCases), number(data.overdueCases)))}</strong></p>
${sections
  .map(
    (section) =>
      `<h3>${escapeHtml(section.title)}</h3>${
        section.lines.length
          ? `<ul>${section.lines
              .map((line, index) => {
                const link = section.links?.[index];
                return `<li dir="auto">${link ? `<a href="${escapeHtml(link)}">${escapeHtml(line)}</a>` : escapeHtml(line)}</li>`;
              })
              .join('')}</ul>`
          : `<p>${escapeHtml(section.empty)}</p>`
      }`,
  )
  .join('\n')}
</body>
</html>
`;
  const text = [
    t.intro(data.storeName),
    t.cases(number(data.openCases), number(data.overdueCases)),
    ...sections.flatMap((section) => [
      '',
      section.title,
      ...(section.lines.length
        ? section.lines.map((line, index) =>
            section.links?.[index] ? `- ${line} · ${section.links[index]}` : `- ${line}`,
          )
        : [section.empty]),
    ]),
  ].join('\n');
  return { subject, text: `${text}\n`, html };
}
