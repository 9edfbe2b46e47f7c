import { direction, escapeHtml, type MailLanguage } from '#mail';
import { applyDecorators, Header } from '@nestjs/common';

/**
 * The headers of every page a customer opens from an e-mail: HTML, only the page's own styles and forms,
 * never cached (it shows their membership or their answer), and its signed link never sent on as a referrer.
 */
export function CustomerPage(): MethodDecorator {
  return applyDecorators(
    Header('Content-Type', 'text/html; charset=utf-8'),
    Header(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    Header('Cache-Control', 'no-store'),
    Header('Referrer-Policy', 'no-referrer'),
  );
}

/** A customer page: one heading and its body, in the customer's language and direction, kept out of search. */
export function customerPageHtml(
  language: MailLanguage,
  title: string,
  heading: string,
  body: string,
): string {
  return `<!doctype html>
<html lang="${language}" dir="${direction(language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/ui/styles.css"><link rel="icon" href="/ui/favicon.svg" type="image/svg+xml"></head>
<body><main><h1>${escapeHtml(heading)}</h1>${body}</main></body>
</html>
`;
}
