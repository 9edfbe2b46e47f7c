import { renderCrossSellOffer } from './cross-sell-offer.template.js';

const offer = {
  timeZone: 'Asia/Tehran',
  unsubscribeUrl: 'http://localhost:3000/u/token.signature',
  storeName: 'Tehran Vanak',
  bought: 'tv',
  category: 'soundbar',
  voucher: {
    code: 'OFFER-7Q2K-9XPM',
    amountMinor: 500,
    currency: 'EUR',
    expiresAt: new Date('2026-12-20T20:29:59Z'),
  },
};

describe('the cross-sell offer', () => {
  it('names the category, why, the discount and its last day, in English', () => {
    const email = renderCrossSellOffer({ ...offer, locale: 'en', customerName: 'Sara' });
    expect(email.subject).toBe('For you: €5.00 off soundbar');
    expect(email.text).toContain('Many customers who bought tv also chose soundbar.');
    expect(email.text).toContain('OFFER-7Q2K-9XPM');
    expect(email.text).toContain('20 December 2026');
    expect(email.html).toContain('lang="en"');
  });

  it('speaks Persian right to left with Persian digits and the Solar Hijri date', () => {
    const email = renderCrossSellOffer({ ...offer, locale: 'fa-IR', customerName: 'سارا' });
    expect(email.html).toContain('dir="rtl"');
    expect(email.subject).toContain('soundbar');
    expect(email.text).toContain('OFFER-7Q2K-9XPM');
    expect(email.text).toContain('۲۹ آذر ۱۴۰۵');
  });

  it('always carries the unsubscribe link, in HTML and in text', () => {
    for (const locale of ['en', 'fa-IR']) {
      const email = renderCrossSellOffer({ ...offer, locale, customerName: null, storeName: null });
      expect(email.html).toContain(`href="${offer.unsubscribeUrl}"`);
      expect(email.text).toContain(offer.unsubscribeUrl);
    }
  });
});
