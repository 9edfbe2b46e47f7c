import fc from 'fast-check';
import { normaliseComment } from './normalise-comment.js';

describe('normaliseComment', () => {
  it('writes Arabic letters as their Persian counterparts', () => {
    expect(normaliseComment('كيفيت خيلي بد بود')).toBe('کیفیت خیلی بد بود');
    expect(normaliseComment('مصطفى')).toBe('مصطفی');
    expect(normaliseComment('مدرسة')).toBe('مدرسه');
  });

  it('drops hamza seats, which writers use or leave out', () => {
    expect(normaliseComment('مؤدب')).toBe(normaliseComment('مودب'));
    expect(normaliseComment('مسئول')).toBe('مسیول');
    expect(normaliseComment('أسعار')).toBe('اسعار');
  });

  it('turns the zero-width non-joiner into a space', () => {
    expect(normaliseComment('می\u200Cخواهم')).toBe('می خواهم');
    expect(normaliseComment('گران\u200Cتر')).toBe('گران تر');
  });

  it('removes the other invisible characters, the tatweel and the diacritics', () => {
    expect(normaliseComment('\uFEFFخیــــلی\u200D خوب\u200B')).toBe('خیلی خوب');
    expect(normaliseComment('\u200Fقیمت\u200E')).toBe('قیمت');
    expect(normaliseComment('کِیفیّت عالیً')).toBe('کیفیت عالی');
    expect(normaliseComment('هٰذا')).toBe('هذا');
  });

  it('writes Persian and Arabic-Indic digits as Latin digits', () => {
    expect(normaliseComment('۴۰ دقیقه')).toBe('40 دقیقه');
    expect(normaliseComment('٤٠ دقيقه')).toBe('40 دقیقه');
  });

  it('lower-cases, collapses white space and trims', () => {
    expect(normaliseComment('  The  STAFF\n\twere   RUDE  ')).toBe('the staff were rude');
  });

  it('applies NFKC first: full-width letters and Arabic presentation forms become ordinary letters', () => {
    expect(normaliseComment('ＧＲＥＡＴ')).toBe('great');
    // ﻛﻴﻔﻴﺖ: presentation forms of Arabic kaf, yeh, feh, yeh, teh.
    expect(normaliseComment('\uFEDB\uFEF4\uFED4\uFEF4\uFE96')).toBe('کیفیت');
  });

  it('is idempotent on Persian, Arabic, English and arbitrary text', () => {
    const persianAlphabet = fc.constantFrom(
      ...'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةىأإؤئۀآـ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ \u200C\u200D\u200B\uFEFF\u064E\u0650\u0651\u0654\u0670'.split(
        '',
      ),
    );
    const persianText = fc.array(persianAlphabet, { maxLength: 40 }).map((characters) => characters.join(''));
    fc.assert(
      fc.property(
        fc.oneof(persianText, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        (text) => {
          const once = normaliseComment(text);
          expect(normaliseComment(once)).toBe(once);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
