// Crockford's base-32 alphabet without I, L, O and U: easy to read aloud and to type from a receipt.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX_MAX_LENGTH = 8;
/**
 * Twelve random characters, 60 bits: with a million members a guess hits one in about 10^12 tries, so
 * walking the public /refer/:code page finds nobody even without its rate limit.
 */
export const REFERRAL_SUFFIX_LENGTH = 12;
const GROUP_LENGTH = 4;

/**
 * A personal referral code such as `SARA-7Q2K-9XPM-4HJR`: the customer's first name when it is written in
 * Latin letters (people share codes that carry their name), `FRIEND` otherwise, and a random suffix in
 * groups of four, to read out or type from a receipt. Codes issued before the suffix grew keep working.
 * `randomBytes` must hold at least REFERRAL_SUFFIX_LENGTH bytes; callers pass fresh random bytes and retry
 * with new ones if the code is already taken.
 */
export function referralCode(firstName: string | null | undefined, randomBytes: Uint8Array): string {
  if (randomBytes.length < REFERRAL_SUFFIX_LENGTH) {
    throw new RangeError(`referralCode needs ${REFERRAL_SUFFIX_LENGTH} random bytes`);
  }
  const latinName = (firstName ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/\s+/)[0]
    ?.replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, PREFIX_MAX_LENGTH);
  const prefix = latinName && latinName.length >= 2 ? latinName : 'FRIEND';
  const groups: string[] = [];
  for (let start = 0; start < REFERRAL_SUFFIX_LENGTH; start += GROUP_LENGTH) {
    let group = '';
    for (let index = start; index < start + GROUP_LENGTH; index += 1) {
      group += CODE_ALPHABET[(randomBytes[index] ?? 0) % CODE_ALPHABET.length];
    }
    groups.push(group);
  }
  return [prefix, ...groups].join('-');
}
