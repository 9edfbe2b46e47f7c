import { renderLoyaltyInvitation } from './loyalty-invitation.template.js';
import { renderLoyaltyWelcome } from './loyalty-welcome.template.js';
import { renderPromoterThanks } from './promoter-thanks.template.js';
import { renderReferralReward } from './referral-reward.template.js';

const customerLinks = {
  timeZone: 'Asia/Tehran',
  unsubscribeUrl: 'http://localhost:3000/u/token.signature',
};

describe('the loyalty invitation', () => {
  const invitation = {
    ...customerLinks,
    referralCode: 'SARA-7Q2K',
    joinUrl: 'http://localhost:3000/join/token.signature',
    joinBy: new Date('2026-12-20T12:00:00Z'),
  };

  it('carries the referral code, the join link and its last day in the customer language', () => {
    const persian = renderLoyaltyInvitation({
      ...invitation,
      locale: 'fa-IR',
      customerName: 'سارا',
      storeName: 'Tehran Vanak',
      referralCode: 'FRIEND-7Q2K',
    });
    expect(persian.html).toContain('dir="rtl"');
    expect(persian.text).toContain('FRIEND-7Q2K');
    // 20 December 2026 is 29 Azar 1405.
    expect(persian.text).toContain('۲۹ آذر ۱۴۰۵');
    expect(persian.html).toContain(`href="${invitation.joinUrl}"`);
    const english = renderLoyaltyInvitation({
      ...invitation,
      locale: 'en',
      customerName: 'Sara',
      storeName: null,
    });
    expect(english.subject).toBe('Thank you! Join our loyalty club');
    expect(english.text).toContain('SARA-7Q2K');
    expect(english.text).toContain(`Join the club: ${invitation.joinUrl}`);
    expect(english.text).toContain('open until 20 December 2026');
  });

  it('always carries the unsubscribe link, in HTML and in text', () => {
    for (const locale of ['en', 'fa-IR']) {
      const email = renderLoyaltyInvitation({ ...invitation, locale, customerName: null, storeName: null });
      expect(email.html).toContain(`href="${customerLinks.unsubscribeUrl}"`);
      expect(email.text).toContain(customerLinks.unsubscribeUrl);
    }
  });
});

describe('the rewards', () => {
  const voucher = {
    code: 'WELCOME-7Q2K-9XPM',
    amountMinor: 1050,
    currency: 'EUR',
    expiresAt: new Date('2027-03-01T08:00:00Z'),
  };

  it('welcomes a member with the voucher as money, its expiry, the referral code and the share link', () => {
    const email = renderLoyaltyWelcome({
      ...customerLinks,
      locale: 'en',
      customerName: 'Sara',
      storeName: 'Online',
      voucher,
      referralCode: 'SARA-7Q2K',
      shareUrl: 'http://localhost:3000/refer/SARA-7Q2K',
    });
    expect(email.subject).toBe('Welcome to the Online loyalty club');
    expect(email.text).toContain('Voucher code: WELCOME-7Q2K-9XPM');
    expect(email.text).toContain('Value: €10.50');
    expect(email.text).toContain('Valid until: 1 March 2027');
    expect(email.text).toContain('http://localhost:3000/refer/SARA-7Q2K');
    expect(email.html).toContain(`href="${customerLinks.unsubscribeUrl}"`);
  });

  it('writes rials without minor units and in Persian digits', () => {
    const email = renderReferralReward({
      ...customerLinks,
      locale: 'fa-IR',
      customerName: 'سارا',
      storeName: 'تهران ونک',
      voucher: { ...voucher, code: 'THANKS-0000-0001', amountMinor: 5_000_000, currency: 'IRR' },
      referralCode: 'SARA-7Q2K',
    });
    expect(email.html).toContain('dir="rtl"');
    expect(email.text).toContain('۵٬۰۰۰٬۰۰۰');
    expect(email.text).toContain('THANKS-0000-0001');
    expect(email.text).toContain(customerLinks.unsubscribeUrl);
  });
});

describe('the thank-you for a promoter without marketing consent', () => {
  it('thanks them in their language for the score they gave, offers nothing, and can be unsubscribed from', () => {
    const persian = renderPromoterThanks({
      ...customerLinks,
      locale: 'fa-IR',
      customerName: 'سارا',
      storeName: 'Tehran Vanak',
      score: 9,
    });
    expect(persian.html).toContain('dir="rtl"');
    expect(persian.text).toContain('امتیاز ۹ از ۱۰');
    expect(persian.html).toContain(`href="${customerLinks.unsubscribeUrl}"`);
    const english = renderPromoterThanks({
      ...customerLinks,
      locale: 'en',
      customerName: 'Sara',
      storeName: 'Online shop',
      score: 10,
    });
    expect(english.subject).toBe('Thank you');
    expect(english.text).toContain('Thank you for giving Online shop a 10 out of 10.');
    expect(english.text).toContain('it is not an offer');
    for (const email of [persian, english]) {
      expect(email.html).not.toMatch(/join|refer|voucher/i);
    }
  });
});
