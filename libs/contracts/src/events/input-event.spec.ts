import { readFileSync } from 'node:fs';
import { decodeInputEvent } from './input-event.js';

interface ContractCase {
  topic: 'surveys' | 'purchases' | 'leads';
  value?: unknown;
  raw?: string;
  expect: string;
}

const cases = readFileSync(new URL('../../../../test/fixtures/contract-cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as ContractCase);

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

describe('decodeInputEvent on the contract cases', () => {
  it.each(cases.map((contractCase, index) => [index + 1, contractCase.expect, contractCase] as const))(
    'case %i (%s)',
    (_line, expected, contractCase) => {
      const result = decodeInputEvent(
        contractCase.topic,
        contractCase.raw === undefined ? bytes(contractCase.value) : Buffer.from(contractCase.raw, 'utf8'),
      );
      if (expected === 'rejected') {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.rejection.code).toMatch(/^[a-z-]+$/);
          expect(result.rejection.message.length).toBeGreaterThan(10);
        }
      } else {
        expect(result).toMatchObject({ ok: true });
        if (result.ok && result.value.topic === 'surveys' && expected.startsWith('accepted:')) {
          const score = result.value.event.score;
          const classification = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
          expect(`accepted:${classification}`).toBe(expected);
        }
      }
    },
  );
});

describe('decodeInputEvent', () => {
  const answer = {
    eventId: 's-1',
    occurredAt: '2026-11-20T18:02:11+03:30',
    customer: { id: 'c-1' },
    storeId: 'tehran-01',
    score: 5,
  };

  it.each([
    ['۹', 9],
    ['٣', 3],
    [' 7 ', 7],
    ['10', 10],
    ['۱۰', 10],
    [0, 0],
  ])('normalises the score %p to %i', (score, expected) => {
    const result = decodeInputEvent('surveys', bytes({ ...answer, score }));
    expect(result.ok && result.value.topic === 'surveys' && result.value.event.score).toBe(expected);
  });

  it.each([11, -1, 10.5, 'ten', null, '7.0', '1 0', true])(
    'rejects the score %p with a reason naming the field',
    (score) => {
      const result = decodeInputEvent('surveys', bytes({ ...answer, score }));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.rejection.code).toBe('invalid-event');
        expect(result.rejection.fields).toEqual([expect.objectContaining({ path: 'score' })]);
      }
    },
  );

  it('trims comments and accepts exactly 4000 characters, counting Persian letters as one each', () => {
    const fourThousand = 'خ'.repeat(4000);
    const ok = decodeInputEvent('surveys', bytes({ ...answer, comment: `  ${fourThousand}  ` }));
    expect(ok.ok && ok.value.topic === 'surveys' && ok.value.event.comment).toBe(fourThousand);
    const tooLong = decodeInputEvent('surveys', bytes({ ...answer, comment: `${fourThousand}x` }));
    expect(tooLong).toMatchObject({ ok: false, rejection: { code: 'invalid-event' } });
  });

  it('treats an empty comment as no comment', () => {
    const result = decodeInputEvent('surveys', bytes({ ...answer, comment: '   ' }));
    expect(result.ok && result.value.topic === 'surveys' && result.value.event.comment).toBeUndefined();
  });

  it('ignores fields it does not know, so producers can add fields first', () => {
    const result = decodeInputEvent('surveys', bytes({ ...answer, survey: { id: 'q4' } }));
    expect(result.ok).toBe(true);
  });

  it('lists every problem of an event, not just the first', () => {
    const result = decodeInputEvent(
      'surveys',
      bytes({ eventId: '', occurredAt: 'yesterday', customer: {}, score: 12 }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rejection.fields!.map((field) => field.path).sort()).toEqual(
        ['customer.id', 'eventId', 'occurredAt', 'score', 'storeId'].sort(),
      );
      expect(result.rejection.message).toContain('and 2 more');
    }
  });

  it('says why bytes are not an event at all', () => {
    expect(decodeInputEvent('surveys', null)).toMatchObject({
      ok: false,
      rejection: { code: 'empty-message' },
    });
    expect(decodeInputEvent('surveys', Buffer.from([0xff, 0xfe, 0x00]))).toMatchObject({
      ok: false,
      rejection: { code: 'not-utf8' },
    });
    expect(decodeInputEvent('surveys', Buffer.from('[1,2]'))).toMatchObject({
      ok: false,
      rejection: { code: 'not-an-object' },
    });
    expect(decodeInputEvent('surveys', Buffer.from('{"eventId":'))).toMatchObject({
      ok: false,
      rejection: { code: 'malformed-json' },
    });
  });

  it('canonicalises locales and phone digits', () => {
    const result = decodeInputEvent(
      'surveys',
      bytes({ ...answer, customer: { id: 'c-1', locale: 'FA-ir', phone: '۰۹۱۲ ۳۴۵ ۶۷۸۹' } }),
    );
    expect(result.ok && result.value.event.customer).toEqual({
      id: 'c-1',
      locale: 'fa-IR',
      phone: '0912 345 6789',
    });
  });

  it('requires a purchase total in whole minor units of an ISO currency', () => {
    const purchase = {
      eventId: 'p-1',
      occurredAt: '2026-11-19T11:00:00+03:30',
      customer: { id: 'c-1' },
      storeId: 'tehran-01',
      orderId: 'o-1',
      total: { amountMinor: 12500000, currency: 'IRR' },
    };
    expect(decodeInputEvent('purchases', bytes(purchase)).ok).toBe(true);
    for (const total of [
      { amountMinor: 1.5, currency: 'USD' },
      { amountMinor: -5, currency: 'USD' },
      { amountMinor: 100, currency: 'usd' },
      { amountMinor: '100', currency: 'USD' },
    ]) {
      expect(decodeInputEvent('purchases', bytes({ ...purchase, total })).ok).toBe(false);
    }
  });
});
