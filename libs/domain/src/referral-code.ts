// Crockford's base-32 alphabet without I, L, O and U: easy to read aloud and to type from a receipt.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX_MAX_LENGTH = 8;
export const REFERRAL_SUFFIX_LENGTH = 4;

/**
 * A personal referral code such as `SARA-7Q2K`: the customer's first name when it is written in Latin
 * letters (people share codes that carry their name), `FRIEND` otherwise, and a random suffix.
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
  let suffix = '';
  for (let index = 0; index < REFERRAL_SUFFIX_LENGTH; index += 1) {
    suffix += CODE_ALPHABET[(randomBytes[index] ?? 0) % CODE_ALPHABET.length];
  }
  return `${prefix}-${suffix}`;
}
