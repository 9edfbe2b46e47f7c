const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone: a store's "today". */
export function localDay(instant: Date, timeZone: string): string {
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The calendar day before `day` (YYYY-MM-DD). */
export function previousDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** `day` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The ISO week (`2026-W49`) a calendar day (YYYY-MM-DD) belongs to: weeks start on Monday, and week 1
 * holds the year's first Thursday, so the first days of January can belong to the year before. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  // The Thursday of the same Monday-to-Sunday week decides the ISO year.
  date.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const year = date.getUTCFullYear();
  const week = Math.floor((date.getTime() - Date.UTC(year, 0, 1, 12)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A cron pattern (with seconds) for a time of day, every day, to run in a time zone. */
export function dailyCron(time: { hour: number; minute: number; second: number }): string {
  return `${time.second} ${time.minute} ${time.hour} * * *`;
}

/** A cron pattern (with seconds) for a day of the week (0 Sunday) and a time. */
export function weeklyCron(time: {
  dayOfWeek: number;
  hour: number;
  minute: number;
  second: number;
}): string {
  return `${time.second} ${time.minute} ${time.hour} * * ${time.dayOfWeek}`;
}

/** True when the runtime knows the IANA time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** True for a well-formed BCP-47 language tag such as `fa-IR` or `en`. */
export function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * The last millisecond of the calendar day an instant falls on in a time zone: a voucher "valid until
 * 1 March" works all of 1 March at the store, not only until the hour it happened to be issued.
 */
export function endOfLocalDay(instant: Date, timeZone: string): Date {
  const day = localDay(instant, timeZone);
  // The day's end is the last moment still on `day`: found by halving, which needs no offset arithmetic and
  // holds across daylight-saving switches and zones that skip midnight. A local day is at most 26 hours.
  let onDay = instant.getTime();
  let after = onDay + 27 * 3_600_000;
  while (after - onDay > 1) {
    const middle = Math.floor((onDay + after) / 2);
    if (localDay(new Date(middle), timeZone) === day) onDay = middle;
    else after = middle;
  }
  return new Date(onDay);
}

/**
 * The first instant of a calendar day (YYYY-MM-DD) in a time zone: where "from 1 November" starts at the
 * store. Found by halving between instants surely before and after it, so daylight-saving switches and
 * zones whose day starts at 01:00 need no offset arithmetic.
 */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const noon = Date.parse(`${day}T12:00:00Z`);
  // Every zone's midnight of `day` lies within a day and a half of that day's UTC noon.
  let before = noon - 36 * 3_600_000;
  let onOrAfter = noon + 14 * 3_600_000;
  while (onOrAfter - before > 1) {
    const middle = Math.floor((before + onOrAfter) / 2);
    if (localDay(new Date(middle), timeZone) >= day) onOrAfter = middle;
    else before = middle;
  }
  return new Date(onOrAfter);
}

const LOCAL_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a period bound is a calendar day (YYYY-MM-DD) rather than an instant with its offset. */
export function isLocalDay(bound: string): boolean {
  return LOCAL_DAY.test(bound);
}

/**
 * A period as every API filter takes it: `from` and `to` each a calendar day (read in `timeZone`, `to`
 * inclusive) or an instant with its offset (`to` exclusive). Answers the instants it covers, `to`
 * exclusive; an absent bound is open.
 */
export function periodInstants(
  period: { from?: string; to?: string },
  timeZone: string,
): { from: Date | null; to: Date | null } {
  const bound = (value: string | undefined, end: boolean): Date | null => {
    if (value === undefined) return null;
    if (!isLocalDay(value)) return new Date(value);
    return startOfLocalDay(end ? addDays(value, 1) : value, timeZone);
  };
  return { from: bound(period.from, false), to: bound(period.to, true) };
}
