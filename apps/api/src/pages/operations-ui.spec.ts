import {
  CASE_STATUSES,
  POINTS_ENTRY_KINDS,
  ROOT_CAUSES,
  SEGMENTS,
  STAGES,
  UNREACHABLE_ROOT_CAUSE,
  VOUCHER_KINDS,
} from '#domain';
import { fileURLToPath } from 'node:url';

interface Messages {
  dir: string;
  statuses: Record<string, string>;
  rootCauses: Record<string, string>;
  stages: Record<string, string>;
  segments: Record<string, string>;
  churnLevels: Record<string, string>;
}

// The UI is plain browser modules; its texts are read here as the browser reads them.
const { MESSAGES, formatNumber } = (await import(
  fileURLToPath(new URL('../../ui/i18n.js', import.meta.url))
)) as { MESSAGES: Record<'en' | 'fa', Messages>; formatNumber: (value: number, language: string) => string };

/** Every key of a messages object, nested keys as paths. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

const { CUSTOMER_MESSAGES } = (await import(
  fileURLToPath(new URL('../../ui/customer-messages.js', import.meta.url))
)) as {
  CUSTOMER_MESSAGES: Record<
    'en' | 'fa',
    { pointsKinds: Record<string, string>; voucherKinds: Record<string, string> }
  >;
};

const { DASHBOARD_MESSAGES } = (await import(
  fileURLToPath(new URL('../../ui/dashboard-messages.js', import.meta.url))
)) as { DASHBOARD_MESSAGES: Record<'en' | 'fa', unknown> };

describe('the operations UI texts', () => {
  it('says everything in both languages', () => {
    expect(keysOf(MESSAGES.fa).sort()).toEqual(keysOf(MESSAGES.en).sort());
    expect(keysOf(CUSTOMER_MESSAGES.fa).sort()).toEqual(keysOf(CUSTOMER_MESSAGES.en).sort());
    expect([MESSAGES.en.dir, MESSAGES.fa.dir]).toEqual(['ltr', 'rtl']);
  });

  it('has a label for every status, root cause, stage and segment the domain knows', () => {
    for (const language of ['en', 'fa'] as const) {
      const messages = MESSAGES[language];
      expect(Object.keys(messages.statuses).sort()).toEqual(['active', ...CASE_STATUSES].sort());
      expect(Object.keys(messages.rootCauses).sort()).toEqual(
        [...ROOT_CAUSES, UNREACHABLE_ROOT_CAUSE].sort(),
      );
      expect(Object.keys(messages.stages).sort()).toEqual([...STAGES].sort());
      expect(Object.keys(messages.segments).sort()).toEqual([...SEGMENTS].sort());
      expect(Object.keys(messages.churnLevels).sort()).toEqual(['high', 'none', 'watch']);
    }
  });

  it('says every dashboard word in both languages', () => {
    expect(keysOf(DASHBOARD_MESSAGES.fa).sort()).toEqual(keysOf(DASHBOARD_MESSAGES.en).sort());
  });

  it('names every kind of points entry and of voucher on the customer page', () => {
    for (const language of ['en', 'fa'] as const) {
      const messages = CUSTOMER_MESSAGES[language];
      expect(Object.keys(messages.pointsKinds).sort()).toEqual([...POINTS_ENTRY_KINDS].sort());
      expect(Object.keys(messages.voucherKinds).sort()).toEqual([...VOUCHER_KINDS].sort());
    }
  });

  it('writes Persian numbers in Persian digits', () => {
    expect(formatNumber(1405, 'fa')).toMatch(/^[۰-۹٬]+$/);
    expect(formatNumber(1405, 'en')).toBe('1,405');
  });
});
