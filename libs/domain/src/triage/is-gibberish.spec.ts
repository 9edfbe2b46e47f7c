import { isGibberish } from './is-gibberish.js';
import { normaliseComment } from './normalise-comment.js';

function gibberish(text: string): boolean {
  return isGibberish(normaliseComment(text));
}

describe('isGibberish', () => {
  it.each([
    ['asdfghjkl', 'a keyboard row'],
    ['lkjhgf', 'a keyboard row backwards'],
    ['qwerty', 'the top row'],
    ['شسیبلاتن', 'the middle row of the Persian keyboard'],
    ['ضصثقف', 'the top row of the Persian keyboard'],
    ['qwqwqwqw', 'a repeated unit'],
    ['asdasdasd', 'a repeated three-letter unit'],
    ['ssssssss', 'one letter over and over'],
    ['ههههههههههه', 'one Persian letter over and over'],
    ['ههه ههه ههه', 'only one letter, in several words'],
    ['aaaa bbb', 'only two different letters'],
    ['!!!!!!!!', 'only punctuation'],
    ['09121234567', 'only digits: a phone number is not a comment'],
    ['۰۹۱۲۱۲۳۴۵۶۷', 'only Persian digits'],
    ['👍👍', 'only emoji'],
    ['12345678 a', 'almost no letters'],
    ['xkcdqrtzp', 'a Latin word without vowels'],
    ['jkshdfkjshdf sdkjfhsdkf', 'random consonants'],
    ['ok asdfghjkl', 'mostly mashing'],
  ])('flags %p (%s)', (text) => {
    expect(gibberish(text)).toBe(true);
  });

  it.each([
    'ok',
    'k',
    'خوب',
    'Great!',
    'Great!!!!!!!!!!!!',
    'عالی',
    'Sooooo good',
    'خیلیییییی خوب بود',
    'عالی بود هههههههه',
    'hahaha the queue was long but fine',
    'Great service hahahaha',
    'The strengths of this store are its prices and staff',
    'The property next door was noisy',
    'Order 1234567890123 never arrived',
    '09121234567 call me please about my order',
    '40 دقیقه منتظر موندم',
    'قیمت‌ها مناسب بود و فروشنده هم خیلی مؤدب بود',
    'Staff were friendly and the checkout was quick.',
  ])('does not flag %p', (text) => {
    expect(gibberish(text)).toBe(false);
  });
});
