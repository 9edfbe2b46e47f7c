import { isKnownTimeZone, isLanguageTag, localDay } from './calendar.js';

describe('localDay', () => {
  it("counts an answer on the store's own calendar day", () => {
    // 21:00 UTC is 00:30 the next day in Tehran (UTC+03:30).
    const instant = new Date('2026-11-20T21:00:00Z');
    expect(localDay(instant, 'Asia/Tehran')).toBe('2026-11-21');
    expect(localDay(instant, 'UTC')).toBe('2026-11-20');
    expect(localDay(instant, 'America/New_York')).toBe('2026-11-20');
  });

  it('gives the same day for the same instant written with different offsets', () => {
    expect(localDay(new Date('2026-11-20T18:02:11+03:30'), 'Asia/Tehran')).toBe(
      localDay(new Date('2026-11-20T14:32:11Z'), 'Asia/Tehran'),
    );
  });
});

describe('directory checks', () => {
  it('knows IANA time zones', () => {
    expect(isKnownTimeZone('Asia/Tehran')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });

  it('knows BCP-47 language tags', () => {
    expect(isLanguageTag('fa-IR')).toBe(true);
    expect(isLanguageTag('en')).toBe(true);
    expect(isLanguageTag('not a tag')).toBe(false);
  });
});
