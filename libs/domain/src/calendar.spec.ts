import fc from 'fast-check';
import {
  addDays,
  dailyCron,
  endOfLocalDay,
  isKnownTimeZone,
  isLanguageTag,
  isoWeek,
  localDay,
  periodInstants,
  previousDay,
  startOfLocalDay,
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

describe('endOfLocalDay', () => {
  it("ends at the store's own midnight", () => {
    // 01:30 on 21 November in Tehran (UTC+03:30) ends at 23:59:59.999 that day.
    expect(endOfLocalDay(new Date('2026-11-20T22:00:00Z'), 'Asia/Tehran').toISOString()).toBe(
      '2026-11-21T20:29:59.999Z',
    );
    expect(endOfLocalDay(new Date('2026-11-20T22:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-11-20T23:59:59.999Z',
    );
    // The day Berlin's clocks go back is 25 hours long.
    expect(endOfLocalDay(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T22:59:59.999Z',
    );
  });

  it('is the last moment of the same local day, in any zone', () => {
    const zones = [
      'UTC',
      'Asia/Tehran',
      'Europe/Berlin',
      'America/Sao_Paulo',
      'Pacific/Apia',
      'Asia/Kathmandu',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (time, zone) => {
          const instant = new Date(time);
          const end = endOfLocalDay(instant, zone);
          expect(end.getTime()).toBeGreaterThanOrEqual(time);
          expect(localDay(end, zone)).toBe(localDay(instant, zone));
          expect(localDay(new Date(end.getTime() + 1), zone)).not.toBe(localDay(instant, zone));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('periods in a store time zone', () => {
  it('starts a day at the local midnight, across offsets and daylight saving', () => {
    expect(startOfLocalDay('2026-11-01', 'Asia/Tehran').toISOString()).toBe('2026-10-31T20:30:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'UTC').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    // Berlin switches from summer time on 25 October 2026: the 25th starts at +02:00, the 26th at +01:00.
    expect(startOfLocalDay('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfLocalDay('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'Pacific/Kiritimati').toISOString()).toBe(
      '2026-10-31T10:00:00.000Z',
    );
  });

  it('reads a day inclusively and an instant as it is', () => {
    expect(periodInstants({ from: '2026-11-01', to: '2026-11-30' }, 'Asia/Tehran')).toEqual({
      from: new Date('2026-10-31T20:30:00Z'),
      to: new Date('2026-11-30T20:30:00Z'),
    });
    expect(periodInstants({ from: '2026-11-01T08:00:00+03:30' }, 'UTC')).toEqual({
      from: new Date('2026-11-01T04:30:00Z'),
      to: null,
    });
  });

  it('finds the first instant that is on the day, for any day and zone', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('Asia/Tehran', 'Europe/Berlin', 'America/Sao_Paulo', 'Pacific/Chatham', 'UTC'),
        (instant, timeZone) => {
          const day = localDay(instant, timeZone);
          const start = startOfLocalDay(day, timeZone);
          return (
            localDay(start, timeZone) === day &&
            localDay(new Date(start.getTime() - 1), timeZone) < day &&
            start.getTime() <= instant.getTime()
          );
        },
      ),
    );
  });
});

describe('isoWeek', () => {
  it('names the ISO week as PostgreSQL\'s IYYY-"W"IW does, across year ends', () => {
    expect(isoWeek('2026-12-04')).toBe('2026-W49');
    expect(isoWeek('2026-01-01')).toBe('2026-W01'); // a Thursday: week 1
    expect(isoWeek('2021-01-03')).toBe('2020-W53'); // a Sunday still in the year before's last week
    expect(isoWeek('2024-12-30')).toBe('2025-W01'); // a Monday already in the next year's first week
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
  });

  it('gives the seven days from a Monday one week, and the next Monday the next one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (offset) => {
        // 2000-01-03 is a Monday.
        const monday = addDays('2000-01-03', offset * 7);
        const week = isoWeek(monday);
        return (
          [1, 2, 3, 4, 5, 6].every((days) => isoWeek(addDays(monday, days)) === week) &&
          isoWeek(addDays(monday, 7)) !== week
        );
      }),
    );
  });
});
