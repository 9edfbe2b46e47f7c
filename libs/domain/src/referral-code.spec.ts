import fc from 'fast-check';
import { referralCode } from './referral-code.js';

describe('referralCode', () => {
  it('carries a Latin first name and a readable suffix', () => {
    expect(referralCode('Sara Jones', new Uint8Array([7, 23, 2, 19]))).toBe('SARA-7Q2K');
  });

  it('uses FRIEND for names not written in Latin letters, or no name', () => {
    expect(referralCode('سارا', new Uint8Array([0, 1, 2, 3]))).toBe('FRIEND-0123');
    expect(referralCode(null, new Uint8Array([0, 1, 2, 3]))).toBe('FRIEND-0123');
  });

  it('drops accents and keeps codes short', () => {
    expect(referralCode('Zoë-Alexandrina', new Uint8Array([1, 1, 1, 1]))).toBe('ZOEALEXA-1111');
  });

  it('never contains letters that are easy to misread', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.string(), (bytes, name) => {
        const suffix = referralCode(name, bytes).split('-').pop()!;
        return suffix.length === 4 && !/[ILOU]/.test(suffix);
      }),
    );
  });
});
