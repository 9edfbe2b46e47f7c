import { toLatinDigits, toPersianDigits } from './digits.js';

describe('digits', () => {
  it('reads Persian and Arabic-Indic digits as Latin ones', () => {
    expect(toLatinDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toLatinDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toLatinDigits('امتیاز ۹ و ٣')).toBe('امتیاز 9 و 3');
  });

  it('writes Latin digits in Persian and back without loss', () => {
    expect(toPersianDigits('10 از 10')).toBe('۱۰ از ۱۰');
    expect(toLatinDigits(toPersianDigits('2026-11-20'))).toBe('2026-11-20');
  });
});
