import { renderCaseAlert } from './case-alert.template.js';

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
