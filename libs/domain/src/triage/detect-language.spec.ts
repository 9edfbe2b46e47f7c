import { detectLanguage } from './detect-language.js';

describe('detectLanguage', () => {
  it.each([
    ['فروشنده خیلی مؤدب بود', 'fa'],
    ['كيفيت خيلي بد بود', 'fa'],
    ['The staff were very polite', 'en'],
    // A brand in a Persian sentence, or a Persian word in an English one, does not make it mixed.
    ['گوشی Samsung خریدم و خیلی راضی هستم', 'fa'],
    ['Great service, merci', 'en'],
    ['The staff were great, ممنون', 'en'],
    ['قیمت خوب بود but the delivery was late', 'mixed'],
    ['ok مرسی', 'mixed'],
    ['09121234567', 'unknown'],
    ['!!!', 'unknown'],
    ['', 'unknown'],
    ['Привет', 'unknown'],
  ])('reads %p as %p', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
