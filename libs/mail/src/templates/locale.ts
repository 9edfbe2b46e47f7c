export type MailLanguage = 'fa' | 'en';

/** Persian for any Persian locale (fa, fa-IR, fa-AF); English otherwise. */
export function mailLanguage(locale: string | null | undefined): MailLanguage {
  return locale?.toLowerCase().startsWith('fa') ? 'fa' : 'en';
}

export function direction(language: MailLanguage): 'rtl' | 'ltr' {
  return language === 'fa' ? 'rtl' : 'ltr';
}

const intlLocale = (language: MailLanguage) => (language === 'fa' ? 'fa-IR' : 'en-GB');

/**
 * Building an Intl formatter loads ICU data and is far dearer than formatting with one (a CPU profile of the
 * worker sending e-mails found 6 % of its time here): each is made once per language, style and zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<Formatter extends Intl.DateTimeFormat | Intl.NumberFormat>(
  key: string,
  make: () => Formatter,
): Formatter {
  let formatter = formatters.get(key) as Formatter | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A date and time as a person in that language reads it: Persian gets the Solar Hijri calendar and
 * Persian digits (ICU's defaults for fa-IR), English the Gregorian calendar.
 */
export function formatDateTime(instant: Date, language: MailLanguage, timeZone: string): string {
  return cached(
    `date-time ${language} ${timeZone}`,
    () => new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeStyle: 'short', timeZone }),
  ).format(instant);
}

export function formatNumber(value: number, language: MailLanguage): string {
  return cached(`number ${language}`, () => new Intl.NumberFormat(intlLocale(language))).format(value);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * An amount in minor units as money: the currency's minor-unit digits are CLDR's, as Intl knows them (EUR 2,
 * IRR and JPY 0), so `12500000 IRR` is twelve and a half million rials and `1000 EUR` is ten euros.
 */
export function formatMoney(amountMinor: number, currency: string, language: MailLanguage): string {
  const format = cached(
    `money ${language} ${currency}`,
    () => new Intl.NumberFormat(intlLocale(language), { style: 'currency', currency }),
  );
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** A date without the time, in the language's calendar (Solar Hijri for Persian). */
export function formatDate(instant: Date, language: MailLanguage, timeZone: string): string {
  return cached(
    `date ${language} ${timeZone}`,
    () => new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeZone }),
  ).format(instant);
}
