import fc from 'fast-check';
import {
  DEFAULT_TRIAGE_RULES,
  mergeTriageRules,
  triageComment,
  type JunkFlag,
  type Theme,
  type TriageResult,
} from './index.js';

const NOW = new Date('2026-03-10T12:00:00Z');

function triage(comment: string | null, score: number): TriageResult {
  return triageComment({ comment, score, occurredAt: NOW, otherAnswerTimes: [] });
}

interface Example {
  comment: string;
  score: number;
  themes: Theme[];
  flags?: JunkFlag[];
}

/** Comments written the way customers of an electronics chain write them, in Persian. */
const PERSIAN: Example[] = [
  { comment: 'فروشنده بسیار مؤدب بود و همه چیز را درباره گوشی توضیح داد.', score: 10, themes: ['staff'] },
  {
    comment: '۴۰ دقیقه توی صف صندوق منتظر موندم، فقط یک صندوق باز بود.',
    score: 3,
    themes: ['checkout', 'wait-time'],
  },
  {
    comment: 'قیمت‌ها نسبت به بقیه فروشگاه‌ها گرون‌تره ولی گارانتی معتبر دارید.',
    score: 6,
    themes: ['price', 'product-quality'],
  },
  {
    comment: 'لپ‌تاپی که خریدم بعد از دو روز خراب شد و صفحه‌اش کار نمی‌کنه.',
    score: 1,
    themes: ['product-quality'],
  },
  {
    comment: 'سفارش آنلاینم یک هفته بعد تحویل داده شد و پیک هم اصلاً تماس نگرفت.',
    score: 2,
    themes: ['delivery'],
  },
  { comment: 'فروشگاه خیلی کثیف بود و بوی بدی می‌داد.', score: 4, themes: ['cleanliness'] },
  {
    comment: 'هدفون مدل مورد نظرم موجود نبود و گفتند دو هفته دیگه سر بزنید.',
    score: 5,
    themes: ['availability'],
  },
  { comment: 'کارتخوان کار نمی‌کرد و مجبور شدم کارت به کارت کنم.', score: 5, themes: ['checkout'] },
  {
    comment: 'تخفیف‌های آخر هفته عالی بود، تلویزیون رو خیلی ارزان‌تر از جای دیگه خریدم.',
    score: 10,
    themes: ['price'],
  },
  {
    comment: 'سالن فروشگاه تمیز بود، فروشنده‌ها هم خوش‌برخورد بودند.',
    score: 9,
    themes: ['cleanliness', 'staff'],
  },
  // Arabic kaf and yeh, typed from an Arabic keyboard.
  { comment: 'كيفيت خيلي بد بود، دو بار بردم تعمير.', score: 2, themes: ['product-quality'] },
  // "خرید" (purchase) holds the insult "خر" but is not one.
  { comment: 'از خرید گوشی راضی هستم، همه چیز عالی بود.', score: 10, themes: ['other'] },
  { comment: 'پرسنل بی‌ادب بودند و جواب سوالم رو ندادند.', score: 1, themes: ['staff'] },
  {
    comment: 'ارسال خیلی سریع بود و بسته سالم به دستم رسید.',
    score: 10,
    themes: ['delivery', 'product-quality'],
  },
  { comment: 'همه مدل‌های آیفون موجود بود و سریع خریدم.', score: 9, themes: ['availability'] },
  { comment: 'فاکتور رسمی ندادند و پرداخت با کارت هم مشکل داشت.', score: 4, themes: ['checkout'] },
  { comment: 'قیمتش از دیجی‌کالا هم ارزون‌تر بود، دمتون گرم.', score: 10, themes: ['price'] },
  {
    comment: 'برای گرفتن گوشی از تعمیرات یک ساعت معطل شدم.',
    score: 3,
    themes: ['wait-time'],
  },
  { comment: 'سرویس بهداشتی فروشگاه اصلاً نظافت نداشت.', score: 3, themes: ['cleanliness'] },
  {
    comment: 'آقای محمدی راهنمایی خیلی خوبی کرد و لپ‌تاپ مناسب بودجه‌ام رو پیشنهاد داد.',
    score: 10,
    themes: ['staff'],
  },
  { comment: 'قیمت‌ها اینقدر بالا بود که فقط خندیدم هههه', score: 3, themes: ['price'] },
  // Abuse.
  { comment: 'فروشنده احمق حتی نمی‌دونست قیمت چنده', score: 0, themes: ['price', 'staff'], flags: ['abuse'] },
  { comment: 'مگه ما خر هستیم که این قیمت رو بدیم؟', score: 0, themes: ['price'], flags: ['abuse'] },
  { comment: 'حرومزاده‌ها پولمو پس نمیدن', score: 0, themes: ['other'], flags: ['abuse'] },
  // Score mismatch, both ways, and Persian negation after the word.
  {
    comment: 'همه چیز عالی بود، ممنون از فروشنده‌ی خوبتون',
    score: 1,
    themes: ['staff'],
    flags: ['score-mismatch'],
  },
  {
    comment: 'خدمات پس از فروش افتضاح بود و هیچکس جواب نداد.',
    score: 10,
    themes: ['other'],
    flags: ['score-mismatch'],
  },
  {
    comment: 'اصلاً خوب نبود، گوشی رو با جعبه باز بهم فروختن.',
    score: 10,
    themes: ['other'],
    flags: ['score-mismatch'],
  },
  {
    comment: 'راضی نبودم، دیگه از اینجا خرید نمی‌کنم.',
    score: 9,
    themes: ['other'],
    flags: ['score-mismatch'],
  },
  // "بد نبود" (not bad) is not negative: only "راضی" is left, and it contradicts a 2.
  { comment: 'بد نبود، راضی بودم.', score: 2, themes: ['other'], flags: ['score-mismatch'] },
  // Gibberish.
  { comment: 'ههههههههههه', score: 5, themes: ['other'], flags: ['gibberish'] },
  { comment: 'شسیبلاتن', score: 5, themes: ['other'], flags: ['gibberish'] },
];

/** And in English. */
const ENGLISH: Example[] = [
  {
    comment: 'Waited 25 minutes in line to pay, only one cashier for the whole store.',
    score: 3,
    themes: ['checkout', 'staff', 'wait-time'],
  },
  {
    comment: 'The salesman was super helpful and explained the differences between the two laptops.',
    score: 10,
    themes: ['staff'],
  },
  {
    comment: 'Prices are way higher than online, the same TV is $200 cheaper on Amazon.',
    score: 5,
    themes: ['price'],
  },
  {
    comment: 'My headphones stopped working after a week and the replacement was faulty too.',
    score: 1,
    themes: ['product-quality'],
  },
  {
    comment: 'Delivery was two days late and the courier left the package at the wrong door.',
    score: 2,
    themes: ['delivery'],
  },
  { comment: 'The demo area was dirty and the floor was sticky.', score: 4, themes: ['cleanliness'] },
  { comment: 'The PS5 was out of stock again, third time this month.', score: 3, themes: ['availability'] },
  {
    comment: 'Card reader at checkout kept rejecting my card, had to pay cash.',
    score: 4,
    themes: ['checkout'],
  },
  { comment: "Staff were rude and the manager didn't care at all.", score: 0, themes: ['staff'] },
  {
    comment: 'Great prices and the delivery guy was very polite.',
    score: 10,
    themes: ['delivery', 'price', 'staff'],
  },
  { comment: 'Clean, tidy store and I found everything I needed.', score: 9, themes: ['cleanliness'] },
  {
    comment: 'Ordered online for home delivery, it arrived the next morning, perfectly packed.',
    score: 10,
    themes: ['delivery'],
  },
  {
    comment: 'The screen was defective but they swapped it on the spot, no questions asked.',
    score: 9,
    themes: ['product-quality'],
  },
  {
    comment: 'Checkout took forever because the receipt printer jammed.',
    score: 5,
    themes: ['checkout', 'wait-time'],
  },
  {
    comment: "They didn't have the charger I needed and nobody knew when it would be back in stock.",
    score: 4,
    themes: ['availability'],
  },
  {
    comment: 'Staff were friendly but the store smelled like paint.',
    score: 6,
    themes: ['cleanliness', 'staff'],
  },
  // "rude" inside "prudent" is not about staff.
  {
    comment: 'The prudent choice was the cheaper model, thanks for the advice.',
    score: 8,
    themes: ['price'],
  },
  {
    comment: 'hahaha the queue was longer than the store, but staff sorted it out fast',
    score: 7,
    themes: ['staff', 'wait-time'],
  },
  { comment: 'ok', score: 8, themes: ['other'] },
  { comment: 'Great!', score: 10, themes: ['other'] },
  // Criticism is not abuse.
  {
    comment: 'The service was terrible and the staff seemed clueless.',
    score: 1,
    themes: ['staff'],
  },
  // Abuse.
  { comment: 'The guy at the counter is a fucking idiot.', score: 0, themes: ['other'], flags: ['abuse'] },
  {
    comment: 'What a bunch of morons, they lost my order twice.',
    score: 1,
    themes: ['other'],
    flags: ['abuse'],
  },
  {
    comment: 'This is bullshit, I paid for express shipping and waited a week.',
    score: 0,
    themes: ['checkout', 'delivery', 'wait-time'],
    flags: ['abuse'],
  },
  // Score mismatch, both ways, with negation before the word.
  {
    comment: 'Excellent service, fast checkout and friendly staff!',
    score: 2,
    themes: ['checkout', 'staff'],
    flags: ['score-mismatch'],
  },
  {
    comment: 'Absolutely terrible, the laptop arrived broken.',
    score: 10,
    themes: ['delivery', 'product-quality'],
    flags: ['score-mismatch'],
  },
  {
    comment: 'Not great, the phone was not as described.',
    score: 9,
    themes: ['other'],
    flags: ['score-mismatch'],
  },
  {
    comment: 'I would not recommend this store to anyone.',
    score: 10,
    themes: ['other'],
    flags: ['score-mismatch'],
  },
  { comment: 'Not bad at all, the staff knew their stuff.', score: 3, themes: ['staff'] },
  {
    comment: 'Not bad at all, honestly a great experience.',
    score: 2,
    themes: ['other'],
    flags: ['score-mismatch'],
  },
  // Balanced comments explain a low score: never a mismatch.
  {
    comment: 'Great staff, but we waited 40 minutes to pay.',
    score: 2,
    themes: ['checkout', 'staff', 'wait-time'],
  },
  // Gibberish.
  { comment: 'asdfghjkl', score: 5, themes: ['other'], flags: ['gibberish'] },
  { comment: 'qwqwqwqw', score: 5, themes: ['other'], flags: ['gibberish'] },
  { comment: 'ssssssss', score: 5, themes: ['other'], flags: ['gibberish'] },
  { comment: 'jkshdfkjshdf sdkjfhsdkf', score: 5, themes: ['other'], flags: ['gibberish'] },
];

describe('triageComment on real comments', () => {
  it.each(PERSIAN)('Persian: $comment', ({ comment, score, themes, flags = [] }) => {
    const result = triage(comment, score);
    expect(result).toEqual({ language: 'fa', themes, flags, quality: flags.length > 0 ? 'flagged' : 'ok' });
  });

  it.each(ENGLISH)('English: $comment', ({ comment, score, themes, flags = [] }) => {
    const result = triage(comment, score);
    expect(result).toEqual({ language: 'en', themes, flags, quality: flags.length > 0 ? 'flagged' : 'ok' });
  });

  it('has enough sentences in both languages', () => {
    expect(PERSIAN.length).toBeGreaterThanOrEqual(18);
    expect(ENGLISH.length).toBeGreaterThanOrEqual(18);
  });
});

describe('triageComment on spelling variants', () => {
  it.each(['۴۰ دقیقه منتظر بودیم', '40 دقیقه منتظر بودیم', '٤٠ دقيقه منتظر بوديم', '۴۰دقیقه'])(
    'finds the wait in %p, whatever the digits',
    (comment) => {
      expect(triage(comment, 5).themes).toEqual(['wait-time']);
    },
  );

  it.each(['گوشی کار نمی‌کنه', 'گوشی کار نمیکنه', 'گوشی کار نمی کنه', 'گوشي كار نميكنه'])(
    'finds the broken product in %p, however the non-joiner and the letters are written',
    (comment) => {
      expect(triage(comment, 2).themes).toEqual(['product-quality']);
    },
  );

  it.each(['فروشنده‌ها خوش‌برخورد بودند', 'فروشنده ها خوش برخورد بودند', 'فروشندهها خوشبرخورد بودند'])(
    'finds the staff in %p',
    (comment) => {
      expect(triage(comment, 9).themes).toEqual(['staff']);
    },
  );

  it('reads through diacritics, tatweel and a byte-order mark', () => {
    expect(triage('\uFEFFقِیمَت‌ها خیــــلی بالا بود', 4).themes).toEqual(['price']);
  });

  it('reads a mixed comment as mixed, with the themes of both languages', () => {
    expect(triage('قیمت خوب بود but the delivery was late', 7)).toEqual({
      language: 'mixed',
      themes: ['delivery', 'price'],
      flags: [],
      quality: 'ok',
    });
  });
});

describe('triageComment without a comment', () => {
  it.each([null, '', '   ', '\u200C\u200F'])('has no themes and no language for %p', (comment) => {
    expect(triage(comment, 3)).toEqual({ language: 'unknown', themes: [], flags: [], quality: 'ok' });
  });

  it('still applies the flood rule', () => {
    const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
    const result = triageComment({
      comment: null,
      score: 8,
      occurredAt: NOW,
      otherAnswerTimes: [hoursAgo(1), hoursAgo(2), hoursAgo(3)],
    });
    expect(result).toEqual({ language: 'unknown', themes: [], flags: ['flood'], quality: 'flagged' });
  });

  it('finds no language in a comment of digits, which is gibberish', () => {
    expect(triage('۰۹۱۲۱۲۳۴۵۶۷', 5)).toEqual({
      language: 'unknown',
      themes: ['other'],
      flags: ['gibberish'],
      quality: 'flagged',
    });
  });
});

describe('the flood rule', () => {
  const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
  const flags = (otherAnswerTimes: Date[], rules = DEFAULT_TRIAGE_RULES) =>
    triageComment({ comment: 'Great staff', score: 10, occurredAt: NOW, otherAnswerTimes }, rules).flags;

  it('flags the fourth answer within 24 hours: three earlier answers', () => {
    expect(flags([hoursAgo(1), hoursAgo(5), hoursAgo(23)])).toEqual(['flood']);
  });

  it('does not flag the third answer: two earlier answers', () => {
    expect(flags([hoursAgo(1), hoursAgo(5)])).toEqual([]);
  });

  it('does not count an answer given 25 hours before', () => {
    expect(flags([hoursAgo(1), hoursAgo(5), hoursAgo(25)])).toEqual([]);
  });

  it('does not count an answer given exactly 24 hours before, and counts one at the same instant', () => {
    expect(flags([hoursAgo(1), hoursAgo(5), hoursAgo(24)])).toEqual([]);
    expect(flags([hoursAgo(1), hoursAgo(5), NOW])).toEqual(['flood']);
  });

  it('does not count later answers, so a late arrival does not change an earlier answer', () => {
    expect(flags([hoursAgo(1), hoursAgo(-1), hoursAgo(-2)])).toEqual([]);
  });

  it('ignores invalid dates', () => {
    expect(flags([hoursAgo(1), hoursAgo(2), new Date(Number.NaN)])).toEqual([]);
  });

  it('follows the numbers of the rules', () => {
    const strict = mergeTriageRules(DEFAULT_TRIAGE_RULES, { flood: { maxAnswers: 1, withinMs: 3_600_000 } });
    expect(flags([hoursAgo(0.5)], strict)).toEqual(['flood']);
    expect(flags([hoursAgo(2)], strict)).toEqual([]);
  });

  it('sorts the flags when there are several', () => {
    const result = triageComment({
      comment: 'fucking asdfghjkl',
      score: 5,
      occurredAt: NOW,
      otherAnswerTimes: [hoursAgo(1), hoursAgo(2), hoursAgo(3)],
    });
    expect(result.flags).toEqual(['abuse', 'flood', 'gibberish']);
  });
});

describe('triageComment input checks', () => {
  it.each([-1, 11, 7.5, Number.NaN])('refuses the score %p', (score) => {
    expect(() => triage('ok', score)).toThrow(RangeError);
  });

  it('refuses an invalid date', () => {
    expect(() =>
      triageComment({ comment: 'ok', score: 5, occurredAt: new Date(Number.NaN), otherAnswerTimes: [] }),
    ).toThrow(RangeError);
  });
});

describe('triageComment properties', () => {
  const isSortedAndUnique = (values: readonly string[]) =>
    values.every((value, index) => index === 0 || (values[index - 1] ?? '') < value);
  const persianWords = fc.constantFrom(
    'قیمت',
    'گران‌تر',
    'خر',
    'خرید',
    'عالی',
    'نبود',
    'كيفيت',
    '۴۰',
    'دقیقه',
    'ههههههه',
    'شسیب',
    'not',
    'great',
    'rude',
    'fuck',
    'queue',
    '!!!',
    '\u200C',
  );
  const comments = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.array(persianWords, { maxLength: 12 }).map((words) => words.join(' ')),
    fc.constant(null),
  );

  it('never throws for any text and score, and returns sorted, unique themes and flags', () => {
    fc.assert(
      fc.property(
        comments,
        fc.integer({ min: 0, max: 10 }),
        fc.array(fc.integer({ min: -3 * 86_400_000, max: 86_400_000 }), { maxLength: 6 }),
        (comment, score, offsets) => {
          const result = triageComment({
            comment,
            score,
            occurredAt: NOW,
            otherAnswerTimes: offsets.map((offset) => new Date(NOW.getTime() + offset)),
          });
          expect(isSortedAndUnique(result.themes)).toBe(true);
          expect(isSortedAndUnique(result.flags)).toBe(true);
          expect(result.quality).toBe(result.flags.length > 0 ? 'flagged' : 'ok');
          if (comment === null) expect(result.themes).toEqual([]);
          if (result.themes.includes('other')) expect(result.themes).toEqual(['other']);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(comments, fc.integer({ min: 0, max: 10 }), (comment, score) => {
        expect(triage(comment, score)).toEqual(triage(comment, score));
      }),
      { numRuns: 300 },
    );
  });
});
