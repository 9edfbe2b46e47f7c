import { toLatinDigits } from '../digits.js';

/** The digits that identify a phone line: Persian and Arabic digits read, punctuation and country code dropped. */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = toLatinDigits(phone).replace(/\D/g, '');
  // 0912 345 6789, +98 912 345 6789 and 0098 912… are one line: compare the last ten digits.
  return digits.length >= 7 ? digits.slice(-10) : null;
}

/**
 * An e-mail address as a mailbox: case, surrounding space and a `+tag` on the local part do not make another
 * person, nor do dots in a Gmail address.
 */
export function emailKey(email: string | null | undefined): string | null {
  if (!email) return null;
  const [local, domain, extra] = email.trim().toLowerCase().split('@');
  if (!local || !domain || extra !== undefined) return null;
  const untagged = local.split('+')[0]!;
  const mailbox =
    domain === 'gmail.com' || domain === 'googlemail.com' ? untagged.replace(/\./g, '') : untagged;
  const canonicalDomain = domain === 'googlemail.com' ? 'gmail.com' : domain;
  return mailbox ? `${mailbox}@${canonicalDomain}` : null;
}
