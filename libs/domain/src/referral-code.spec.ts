import fc from 'fast-check';
import { referralCode } from './referral-code.js';

describe('referralCode', () => {
  it('carries a Latin first name and a readable suffix', () => {
    const bytes = new Uint8Array([7, 23, 2, 19, 9, 29, 22, 20, 4, 17, 18, 25]);
    expect(referralCode('Sara Jones', bytes)).toBe('SARA-7Q2K-9XPM-4HJS');
  });

  it('uses FRIEND for names not written in Latin letters, or no name', () => {
    const bytes = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(referralCode('سارا', bytes)).toBe('FRIEND-0123-4567-89AB');
    expect(referralCode(null, bytes)).toBe('FRIEND-0123-4567-89AB');
  });

  it('drops accents and keeps codes short', () => {
    expect(referralCode('Zoë-Alexandrina', new Uint8Array(12).fill(1))).toBe('ZOEALEXA-1111-1111-1111');
  });

  it('never contains letters that are easy to misread, and carries 60 random bits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.string(), (bytes, name) => {
        const groups = referralCode(name, bytes).split('-').slice(1);
        return groups.length === 3 && groups.every((group) => /^[0-9A-HJKMNP-TV-Z]{4}$/.test(group));
      }),
    );
  });

  it('refuses too few random bytes', () => {
    expect(() => referralCode('Sara', new Uint8Array(4))).toThrow(RangeError);
  });
});
