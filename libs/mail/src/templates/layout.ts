import { direction, escapeHtml, type MailLanguage } from './locale.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailSection {
  /** Paragraphs of plain text; each is escaped for HTML. */
  paragraphs: string[];
  /** Label and value rows, shown as a table. */
  facts?: Array<[string, string]>;
  /** The one thing to click. */
  action?: { label: string; url: string };
  quote?: string;
  footer?: string;
  /** Every e-mail to a customer carries one: the sentence around it and the signed link. */
  unsubscribe?: { label: string; url: string };
}

/** One e-mail in HTML and plain text from the same content, right-to-left for Persian. */
export function renderEmail(language: MailLanguage, subject: string, section: EmailSection): RenderedEmail {
  const dir = direction(language);
  const align = dir === 'rtl' ? 'right' : 'left';
  const font = language === 'fa' ? 'Tahoma, Vazirmatn, sans-serif' : 'Helvetica, Arial, sans-serif';
  const paragraphs = section.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
  const facts = section.facts?.length
    ? `<table role="presentation" cellpadding="4" style="border-collapse:collapse">${section.facts
        .map(
          ([label, value]) =>
            `<tr><th style="text-align:${align};color:#555;font-weight:normal">${escapeHtml(label)}</th>` +
            `<td><strong>${escapeHtml(value)}</strong></td></tr>`,
        )
        .join('')}</table>`
    : '';
  const quote = section.quote
    ? `<blockquote style="margin:12px 0;padding:8px 12px;border-${align}:4px solid #c33;background:#f7f7f7">${escapeHtml(section.quote)}</blockquote>`
    : '';
  const action = section.action
    ? `<p><a href="${escapeHtml(section.action.url)}" style="display:inline-block;padding:10px 16px;background:#1f5fa8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(section.action.label)}</a></p>`
    : '';
  const footer = section.footer
    ? `<p style="color:#888;font-size:12px">${escapeHtml(section.footer)}</p>`
    : '';
  const unsubscribe = section.unsubscribe
    ? `<p style="color:#888;font-size:12px"><a href="${escapeHtml(section.unsubscribe.url)}" style="color:#888">${escapeHtml(section.unsubscribe.label)}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="${language}" dir="${dir}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body dir="${dir}" style="font-family:${font};text-align:${align};line-height:1.6;color:#222">
${paragraphs}
${facts}
${quote}
${action}
${footer}
${unsubscribe}
</body>
</html>
`;
  const text = [
    ...section.paragraphs,
    ...(section.facts?.length ? ['', ...section.facts.map(([label, value]) => `${label}: ${value}`)] : []),
    ...(section.quote ? ['', `“${section.quote}”`] : []),
    ...(section.action ? ['', `${section.action.label}: ${section.action.url}`] : []),
    ...(section.footer ? ['', section.footer] : []),
    ...(section.unsubscribe ? ['', `${section.unsubscribe.label}: ${section.unsubscribe.url}`] : []),
  ].join('\n');
  return { subject, text: `${text}\n`, html };
}
