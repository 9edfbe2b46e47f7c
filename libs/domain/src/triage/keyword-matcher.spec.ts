import { createKeywordMatcher, type MatchMode } from './keyword-matcher.js';
import { normaliseComment } from './normalise-comment.js';
import { tokeniseComment } from './tokenise-comment.js';

function matches(keyword: string, text: string, mode: MatchMode = 'inflected'): boolean {
  const matcher = createKeywordMatcher(keyword, mode);
  if (matcher === undefined) throw new Error(`"${keyword}" has no words`);
  return matcher.find(tokeniseComment(normaliseComment(text))).length > 0;
}

describe('createKeywordMatcher', () => {
  it('lets a Persian keyword carry the usual suffixes', () => {
    for (const text of [
      'خیلی گران بود',
      'گرانه',
      'گران‌تر از بقیه',
      'گرانتر',
      'گران تر',
      'گران‌ترین',
      'گرانی',
    ]) {
      expect(matches('گران', text)).toBe(true);
    }
    expect(matches('کیفیت', 'کیفیتش خوب نبود')).toBe(true);
    expect(matches('خراب', 'خرابی‌هاش زیاد بود')).toBe(true);
  });

  it('lets a Persian keyword carry verb prefixes and the privative بی', () => {
    expect(matches('کیفیت', 'جنس بی‌کیفیت')).toBe(true);
    expect(matches('نرسید', 'هنوز نرسیده')).toBe(true);
  });

  it('does not match a Persian keyword inside an unrelated word', () => {
    expect(matches('دیر', 'مدیر فروشگاه')).toBe(false);
    expect(matches('دیر', 'دیروز رفتم')).toBe(false);
    expect(matches('خاک گرفته', 'رنگ خاکستری')).toBe(false);
  });

  it('allows a short Persian keyword only as a word, with a plural or ezafe at most', () => {
    expect(matches('بو', 'بوی بدی می‌داد')).toBe(true);
    expect(matches('بو', 'خیلی خوب بود')).toBe(false);
    expect(matches('صف', 'صفحه گوشی')).toBe(false);
    expect(matches('بد', 'بدون مشکل')).toBe(false);
    expect(matches('بد', 'بدترین خرید')).toBe(true);
  });

  it('matches an exact keyword only as that very word: "خر" is not in "خرید"', () => {
    expect(matches('خر', 'مگه ما خر هستیم', 'exact')).toBe(true);
    expect(matches('خر', 'خرید خوبی بود', 'exact')).toBe(false);
    expect(matches('خر', 'خریدم', 'exact')).toBe(false);
    expect(matches('خر', 'می‌خرم', 'exact')).toBe(false);
    expect(matches('احمق', 'احمقانه نیست', 'exact')).toBe(false);
  });

  it('matches the joined, spaced and non-joiner spellings of a Persian word, however the keyword is written', () => {
    const spellings = ['می\u200Cخواستم', 'میخواستم', 'می خواستم'];
    for (const keyword of spellings) {
      for (const text of spellings) {
        expect(matches(keyword, `${text} پس بدم`)).toBe(true);
      }
    }
  });

  it('matches Persian written with Arabic letters and diacritics', () => {
    expect(matches('کیفیت', 'كيفيت خيلي بد بود')).toBe(true);
    expect(matches('کیفیت', 'کِیفیّت')).toBe(true);
    expect(matches('دقیقه', '٤٠ دقيقه')).toBe(true);
  });

  it('matches an English keyword as whole words, with regular inflections', () => {
    expect(matches('wait', 'we waited for ages')).toBe(true);
    expect(matches('wait', 'waiting time')).toBe(true);
    expect(matches('arrive', 'it arrived late')).toBe(true);
    expect(matches('price', 'pricing is fair')).toBe(true);
    expect(matches('rude', 'the prudent thing')).toBe(false);
    expect(matches('rude', 'crude oil')).toBe(false);
    expect(matches('card reader', 'the card readers were down')).toBe(true);
    expect(matches('card reader', 'the reader card')).toBe(false);
  });

  it('matches an exact English keyword without inflections', () => {
    expect(matches('idiot', 'you idiot', 'exact')).toBe(true);
    expect(matches('idiot', 'idiotic policy', 'exact')).toBe(false);
  });

  it('has nothing to compile for a keyword without words', () => {
    expect(createKeywordMatcher(' \u200C ', 'inflected')).toBeUndefined();
    expect(createKeywordMatcher('!!!', 'exact')).toBeUndefined();
  });
});
