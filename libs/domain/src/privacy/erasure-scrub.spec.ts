import fc from 'fast-check';
import {
  ERASED,
  personalValues,
  scrubJson,
  scrubText,
  withoutAddresses,
  type ErasureSubject,
} from './erasure-scrub.js';

const subject: ErasureSubject = {
  id: 'c-1',
  pseudonym: 'erased-3f9a',
  personal: personalValues({
    names: ['Sara Jones'],
    whole: ['sara@example.com', '+98 912 000 1111', 'The clerk was rude to me'],
  }),
  swaps: new Map([['SARA-7Q2K-9XPM-4HJS', 'FRIEND-0123-4567-89AB']]),
};

describe('erasure scrubbing', () => {
  it('turns the id into the pseudonym alone or as a part of a key, never inside another id', () => {
    expect(scrubText('c-1', subject)).toBe('erased-3f9a');
    expect(scrubText('invitation:c-1', subject)).toBe('invitation:erased-3f9a');
    expect(scrubText('c-10', subject)).toBe('c-10');
    expect(scrubText('invitation:c-10', subject)).toBe('invitation:c-10');
  });

  it('masks any text that holds a personal value, whatever its case, and swaps the referral code', () => {
    expect(scrubText('Called SARA, no answer', subject)).toBe(ERASED);
    expect(scrubText('wrote to SARA@example.com', subject)).toBe(ERASED);
    expect(scrubText('SARA-7Q2K-9XPM-4HJS', subject)).toBe('FRIEND-0123-4567-89AB');
    expect(scrubText('the parcel was late', subject)).toBe('the parcel was late');
    // A name is masked as a word, never inside another word.
    expect(scrubText('Jonesy and Sarah', subject)).toBe('Jonesy and Sarah');
    expect(scrubText('سارا said: Jones!', subject)).toBe(ERASED);
  });

  it('reaches every string of a JSON value, and masks free-text keys whatever they say', () => {
    const scrubbed = scrubJson(
      { customerId: 'c-1', note: 'rang twice', list: [{ comment: 'The clerk was rude to me' }], score: 3 },
      subject,
      new Set(['note']),
    );
    expect(scrubbed).toEqual({
      customerId: 'erased-3f9a',
      note: ERASED,
      list: [{ comment: ERASED }],
      score: 3,
    });
  });

  it('leaves no personal value in any JSON it is given', () => {
    const personal = fc.constantFrom(...subject.personal);
    const text = fc.oneof(
      fc.string(),
      personal.map((value) => `x ${value} y`),
      fc.constant('c-1'),
    );
    const json = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(json, (value) => {
        const serialised = JSON.stringify(scrubJson(value, subject)).toLowerCase();
        return (
          subject.personal.every(
            (item) => !serialised.includes(JSON.stringify(item.toLowerCase()).slice(1, -1)),
          ) && !serialised.includes('"c-1"')
        );
      }),
    );
  });

  it('keeps only values long enough to mask on, each part of a name too, and comments whole', () => {
    expect(personalValues({ names: ['Al Jo Smith', null, '  '], whole: ['a@b.io', 'The parcel'] })).toEqual([
      'a@b.io',
      'The parcel',
      'Al Jo Smith',
      'Smith',
    ]);
  });

  it('takes the e-mail addresses out of an SMTP error before it is logged', () => {
    expect(withoutAddresses('550 5.1.1 <sara.jones+shop@mail.example.ir>: Recipient address rejected')).toBe(
      '550 5.1.1 <<address>>: Recipient address rejected',
    );
    expect(withoutAddresses('connect ECONNREFUSED 127.0.0.1:1025')).toBe(
      'connect ECONNREFUSED 127.0.0.1:1025',
    );
  });
});
