import {
  addDays,
  dailyCron,
  isKnownTimeZone,
  isLanguageTag,
  localDay,
  previousDay,
  weeklyCron,
} from './calendar.js';

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

describe('days and schedules', () => {
  it('steps across month and year ends', () => {
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(previousDay('2026-01-01')).toBe('2025-12-31');
    expect(addDays('2026-11-20', -27)).toBe('2026-10-24');
  });

  it('writes the huddle and report times as cron patterns with seconds', () => {
    expect(dailyCron({ hour: 8, minute: 30, second: 0 })).toBe('0 30 8 * * *');
    expect(weeklyCron({ dayOfWeek: 1, hour: 9, minute: 0, second: 0 })).toBe('0 0 9 * * 1');
    expect(weeklyCron({ dayOfWeek: 5, hour: 17, minute: 30, second: 15 })).toBe('15 30 17 * * 5');
  });
});
