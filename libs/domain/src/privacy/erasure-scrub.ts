/** What replaces personal text that an erasure removes. */
export const ERASED = '[erased]';

/** Shorter than this, a piece of a name ("Al", "Jo") would match too much ordinary text to mask on. */
const MIN_PERSONAL_LENGTH = 3;

/**
 * Whom an erasure is about: their id and the pseudonym it becomes, what is personal about them (e-mail
 * addresses, phone numbers, names and their parts, the words of their comments), and values that are
 * swapped for others (a referral code that carries their first name, for its anonymous successor).
 */
export interface ErasureSubject {
  id: string;
  pseudonym: string;
  personal: readonly string[];
  swaps?: ReadonlyMap<string, string>;
}

/**
 * The personal values worth masking on: `whole` ones (addresses, phone numbers, comments) as they are, and
 * each name with each of its parts, distinct and long enough.
 */
export function personalValues(values: {
  names: ReadonlyArray<string | null | undefined>;
  whole: ReadonlyArray<string | null | undefined>;
}): string[] {
  const found = new Set<string>();
  for (const value of values.whole) if (value?.trim()) found.add(value.trim());
  for (const value of values.names) {
    const name = value?.trim();
    if (!name) continue;
    found.add(name);
    for (const part of name.split(/\s+/)) found.add(part);
  }
  return [...found].filter((value) => value.length >= MIN_PERSONAL_LENGTH);
}

/**
 * One text as the erasure leaves it. The id, alone or as one `:`-separated part of a key such as
 * `invitation:<id>`, becomes the pseudonym (never as a substring: `c-1` must not touch `c-10`), a swapped
 * value its successor, and any text that holds a personal value as words of its own is masked whole.
 */
export function scrubText(text: string, subject: ErasureSubject): string {
  const swap = (part: string) =>
    part === subject.id ? subject.pseudonym : (subject.swaps?.get(part) ?? part);
  const swapped = text.includes(':') ? text.split(':').map(swap).join(':') : swap(text);
  return subject.personal.some((value) => holds(swapped, value)) ? ERASED : swapped;
}

/**
 * Whether `text` holds `value` as words of its own, in any case: `Tat` is in "Tat called" but not in
 * "invitation", so a short name never masks the structure around it.
 */
function holds(text: string, value: string): boolean {
  const haystack = text.toLocaleLowerCase();
  const needle = value.toLocaleLowerCase();
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack.slice(0, at).at(-1) ?? ' ';
    const after = haystack.charAt(at + needle.length) || ' ';
    if (!WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after)) return true;
  }
  return false;
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;

/**
 * A JSON value as the erasure leaves it: every string scrubbed as `scrubText` does, and every string under
 * one of `freeTextKeys` (a note, a reason someone typed) masked whatever it says.
 */
export function scrubJson(
  value: unknown,
  subject: ErasureSubject,
  freeTextKeys: ReadonlySet<string> = new Set(),
): unknown {
  if (typeof value === 'string') return scrubText(value, subject);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, subject, freeTextKeys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      typeof item === 'string' && freeTextKeys.has(key) ? ERASED : scrubJson(item, subject, freeTextKeys),
    ]),
  );
}

const EMAIL_ADDRESS = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[^\s<>"'(),;:@]+/g;

/**
 * A text (an SMTP server's error, say) without the e-mail addresses in it, fit for a log line: a refused
 * recipient's address is personal data, and logs are kept and shipped far more widely than the database.
 */
export function withoutAddresses(text: string): string {
  return text.replace(EMAIL_ADDRESS, '<address>');
}
