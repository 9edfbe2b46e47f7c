import { toLatinDigits } from '../digits.js';

/**
 * Letters that Persian writers type from Arabic keyboards or copy from Arabic text, mapped to the one
 * spelling the keyword lists use. Hamza seats are dropped (مسئول / مسوول, مؤدب / مودب) because writers
 * use both spellings.
 */
const LETTER_REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ['\u064A', '\u06CC'], // ي Arabic yeh → ی
  ['\u0649', '\u06CC'], // ى alef maksura → ی
  ['\u0626', '\u06CC'], // ئ yeh with hamza → ی
  ['\u0643', '\u06A9'], // ك Arabic kaf → ک
  ['\u0629', '\u0647'], // ة teh marbuta → ه
  ['\u06C0', '\u0647'], // ۀ heh with yeh above (the ezafe of خانهٔ) → ه
  ['\u0623', '\u0627'], // أ → ا
  ['\u0625', '\u0627'], // إ → ا
  ['\u0671', '\u0627'], // ٱ → ا
  ['\u0624', '\u0648'], // ؤ → و
]);

const REPLACED_LETTERS = new RegExp(`[${[...LETTER_REPLACEMENTS.keys()].join('')}]`, 'gu');

/**
 * Characters that change how a word looks but not which word it is: zero-width space and joiner,
 * direction marks, word joiner, BOM, soft hyphen, tatweel (ـ), Arabic harakat and the superscript alef.
 */
const INVISIBLE_OR_DIACRITIC =
  /[\u00AD\u0640\u200B\u200D-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u064B-\u065F\u0670]/gu;

/**
 * The zero-width non-joiner is turned into a SPACE: "می‌خواهم" becomes "می خواهم", "گران‌تر" becomes
 * "گران تر" and "خوش‌برخورد" becomes "خوش برخورد", so each part is a word of its own. Keyword matching
 * compares Persian words with the spaces between them removed, so "می‌خواهم", "می خواهم" and "میخواهم"
 * all match each other, whichever of them a keyword is written as (see keyword-matcher.ts).
 */
const ZERO_WIDTH_NON_JOINER = /\u200C/gu;

/**
 * The one form in which comments and keywords are compared. Idempotent: normalising twice gives the same
 * text as normalising once.
 */
export function normaliseComment(text: string): string {
  const compatible = text.normalize('NFKC');
  const persian = compatible.replace(REPLACED_LETTERS, (letter) => LETTER_REPLACEMENTS.get(letter) ?? letter);
  const visible = persian.replace(INVISIBLE_OR_DIACRITIC, '').replace(ZERO_WIDTH_NON_JOINER, ' ');
  const lower = toLatinDigits(visible).toLowerCase();
  // Removing an invisible character can leave a letter next to a combining mark: compose them again.
  return lower.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}
