import { normaliseReferralCode, voucherCode } from './codes.js';
import { emailKey, phoneKey } from './identity.js';
import { referralFlags, type ReferralCheckInput } from './referral-fraud.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 10, 20) + hours * HOUR);

const clean: ReferralCheckInput = {
  referrer: { customerId: 'sara', email: 'sara@example.com', phone: '+98 912 345 6789' },
  referee: { customerId: 'omid', email: 'omid@example.com', phone: '0935 111 2233' },
  convertedAt: at(0),
  refereeEarlierPurchases: [],
  otherConversionsOfCode: [],
  referrerRewards: [],
  now: at(24 * 14),
  referrerIsMember: true,
};

describe('voucher and referral codes', () => {
  it('makes a readable voucher code from random bytes, and refuses too few bytes', () => {
    const code = voucherCode('welcome', Uint8Array.from([0, 1, 2, 31, 32, 33, 255, 100]));
    expect(code).toBe('WELCOME-012Z-01Z4');
    expect(voucherCode('referral', new Uint8Array(8))).toBe('THANKS-0000-0000');
    expect(() => voucherCode('welcome', new Uint8Array(7))).toThrow(RangeError);
  });

  it('reads a referral code the way a till or a person types it', () => {
    expect(normaliseReferralCode(' sara-7q2k ')).toBe('SARA-7Q2K');
    expect(normaliseReferralCode('SARA–۷Q۲K')).toBe('SARA-7Q2K');
    expect(normaliseReferralCode('SARA - 7Q2K')).toBe('SARA-7Q2K');
    expect(normaliseReferralCode('   ')).toBeNull();
    expect(normaliseReferralCode(undefined)).toBeNull();
  });
});

describe('who is the same person', () => {
  it('compares phone lines by their last ten digits, in any script and format', () => {
    expect(phoneKey('+98 912 345 6789')).toBe('9123456789');
    expect(phoneKey('۰۹۱۲-۳۴۵-۶۷۸۹')).toBe('9123456789');
    expect(phoneKey('0098 (912) 345 6789')).toBe('9123456789');
    expect(phoneKey('123')).toBeNull();
    expect(phoneKey(null)).toBeNull();
  });

  it('compares mailboxes, not spellings of them', () => {
    expect(emailKey(' Sara@Example.com ')).toBe('sara@example.com');
    expect(emailKey('sara+club@example.com')).toBe('sara@example.com');
    expect(emailKey('s.a.r.a@googlemail.com')).toBe('sara@gmail.com');
    // Dots matter outside Gmail.
    expect(emailKey('s.ara@example.com')).not.toBe(emailKey('sara@example.com'));
    expect(emailKey('not-an-address')).toBeNull();
  });
});

describe('referral fraud checks', () => {
  it('passes a new friend who bought once with someone else’s code', () => {
    expect(referralFlags(clean)).toEqual([]);
  });

  it('holds a self-referral by id, by e-mail address or by phone number', () => {
    expect(referralFlags({ ...clean, referee: { ...clean.referee, customerId: 'sara' } })).toEqual([
      'self-referral',
    ]);
    expect(referralFlags({ ...clean, referee: { ...clean.referee, email: 'SARA+2@example.com' } })).toEqual([
      'self-referral',
    ]);
    expect(referralFlags({ ...clean, referee: { ...clean.referee, phone: '۰۹۱۲ ۳۴۵ ۶۷۸۹' } })).toEqual([
      'self-referral',
    ]);
    // No phone on either side is not the same phone.
    expect(
      referralFlags({
        ...clean,
        referrer: { ...clean.referrer, phone: null },
        referee: { ...clean.referee, phone: null },
      }),
    ).toEqual([]);
  });

  it('holds a friend who had bought before the purchase with the code, but not for a later purchase', () => {
    expect(referralFlags({ ...clean, refereeEarlierPurchases: [at(-48)] })).toEqual(['existing-customer']);
    expect(referralFlags({ ...clean, refereeEarlierPurchases: [at(5)] })).toEqual([]);
  });

  it('holds every conversion of a burst of new customers on one code, whatever order they arrive in', () => {
    const burst = [at(1), at(2), at(3)];
    expect(referralFlags({ ...clean, otherConversionsOfCode: burst })).toEqual(['burst']);
    expect(
      referralFlags({ ...clean, convertedAt: at(3), otherConversionsOfCode: [at(0), at(1), at(2)] }),
    ).toEqual(['burst']);
    // Three within a day is the limit; spread over days it is no burst.
    expect(referralFlags({ ...clean, otherConversionsOfCode: [at(1), at(2)] })).toEqual([]);
    expect(referralFlags({ ...clean, otherConversionsOfCode: [at(-30), at(30), at(60)] })).toEqual([]);
  });

  it('holds a referrer past the cap of rewards in the window, and frees them when the window moves on', () => {
    const five = [1, 2, 3, 4, 5].map((day) => at(24 * day));
    expect(referralFlags({ ...clean, referrerRewards: five })).toEqual(['over-cap']);
    expect(referralFlags({ ...clean, referrerRewards: five.slice(1) })).toEqual([]);
    expect(referralFlags({ ...clean, referrerRewards: five, now: at(24 * 40) })).toEqual([]);
  });

  it('holds the payout of a referrer who never joined the club, but not the conversion while they still may', () => {
    expect(referralFlags({ ...clean, referrerIsMember: false })).toEqual(['not-a-member']);
    expect(referralFlags({ ...clean, referrerIsMember: null })).toEqual([]);
  });

  it('reports every flag that applies, sorted', () => {
    expect(
      referralFlags(
        {
          ...clean,
          referee: { ...clean.referee, customerId: 'sara' },
          refereeEarlierPurchases: [at(-1)],
          otherConversionsOfCode: [at(1), at(2), at(3)],
          referrerRewards: [at(1)],
        },
        { burst: { max: 3, withinMs: 24 * HOUR }, cap: { max: 1, withinMs: 30 * 24 * HOUR } },
      ),
    ).toEqual(['burst', 'existing-customer', 'over-cap', 'self-referral']);
  });
});
