import { renderCaseAlert } from './case-alert.template.js';
import { renderLoyaltyInvitation } from './loyalty-invitation.template.js';
import { renderLoyaltyWelcome } from './loyalty-welcome.template.js';
import { renderReferralReward } from './referral-reward.template.js';

const alert = {
  timeZone: 'Asia/Tehran',
  caseUrl: 'http://localhost:3000/cases/8d0c7a5e-0000-4000-8000-000000000001',
  storeId: 'tehran-01',
  storeName: 'Tehran Vanak',
  unknownStore: false,
  managerName: 'Neda Karimi',
  customer: { id: 'c-42', name: 'Sara', email: 'sara@example.com', phone: null },
  score: 3,
  comment: 'Waited 40 minutes <script>alert(1)</script> & nobody helped.',
  answeredAt: new Date('2026-11-20T14:32:11Z'),
  dueAt: new Date('2026-11-21T14:32:11Z'),
};

describe('the detractor alert', () => {
  it('is Persian, right-to-left, with Persian digits and a Solar Hijri date for a Persian store', () => {
    const email = renderCaseAlert({ ...alert, locale: 'fa-IR' });
    expect(email.subject).toContain('۳');
    expect(email.html).toContain('dir="rtl"');
    expect(email.html).toContain('lang="fa"');
    // 20 November 2026 is 29 Aban 1405 in the Solar Hijri calendar.
    expect(email.text).toContain('آبان');
    expect(email.text).toContain('۱۴۰۵');
    expect(email.text).toContain(alert.caseUrl);
  });

  it('is English and left-to-right otherwise', () => {
    const email = renderCaseAlert({ ...alert, locale: 'en' });
    expect(email.subject).toBe('Unhappy customer at Tehran Vanak: scored 3 out of 10');
    expect(email.html).toContain('dir="ltr"');
    expect(email.text).toContain('20 November 2026');
    expect(email.text).toContain('sara@example.com');
  });

  it("escapes the customer's words in HTML and keeps them whole in text", () => {
    const email = renderCaseAlert({ ...alert, locale: 'en' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; nobody helped.');
    expect(email.text).toContain('<script>alert(1)</script> & nobody helped.');
  });

  it('tells the fallback owner why the case is theirs', () => {
    const email = renderCaseAlert({
      ...alert,
      locale: 'en',
      unknownStore: true,
      storeName: null,
      storeId: 'kiosk-9',
    });
    expect(email.subject).toContain('kiosk-9');
    expect(email.text).toContain('fallback owner');
  });
});

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
