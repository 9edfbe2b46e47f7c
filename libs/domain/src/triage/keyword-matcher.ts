import { normaliseComment } from './normalise-comment.js';
import { type Token, tokeniseComment } from './tokenise-comment.js';

/**
 * 'inflected': the keyword also matches its regular inflections (English "wait" → "waited", Persian
 * "گران" → "گران‌تر"); 'exact': only the very word or phrase (insults, so that "خر" never matches "خرید").
 */
export type MatchMode = 'inflected' | 'exact';

/** Where a keyword occurs: the indices of its first and last token, both included. */
export interface KeywordSpan {
  start: number;
  end: number;
}

export interface KeywordMatcher {
  /** The keyword as the rules wrote it. */
  keyword: string;
  find(tokens: readonly Token[]): KeywordSpan[];
}

/**
 * Persian prefixes and suffixes a keyword may carry and still be the same word: verb prefixes
 * (می‌، نمی‌، ن، ب), the privative بی (بی‌کیفیت is about quality), plurals, comparatives, the ezafe and
 * indefinite ی, possessive and verb endings, colloquial forms (قیمتا، گرونه، معطلمون). A suffix may be a
 * chain of up to three of them (خرابی‌هاش = خراب + ی + ها + ش).
 */
const PERSIAN_PREFIXES = ['می', 'نمی', 'ن', 'ب', 'بی'];
const PERSIAN_SUFFIXES = [
  'ها',
  'ا',
  'ان',
  'تر',
  'ترین',
  'ی',
  'ای',
  'یی',
  'ه',
  'ش',
  'م',
  'ت',
  'مان',
  'تان',
  'شان',
  'مون',
  'تون',
  'شون',
  'اش',
  'ام',
  'ات',
  'ند',
  'ید',
  'یم',
  'ست',
  'است',
  'اند',
];
const MAX_SUFFIX_CHAIN = 3;
/**
 * A Persian keyword of one or two letters (بو، صف، بد) is a substring of too many words (بود، صفحه،
 * بدون): it takes no prefix and at most one of these suffixes.
 */
const SHORT_KEYWORD_LENGTH = 2;
const SHORT_KEYWORD_SUFFIXES = ['ی', 'ها', 'های', 'تر', 'ترین'];
// The longest prefix (نمی) and the longest suffix (ترین) bound how far a match can reach past a keyword.
const LONGEST_AFFIXES = 'نمی'.length + MAX_SUFFIX_CHAIN * 'ترین'.length;

function isSuffixChain(rest: string, links: number): boolean {
  if (rest === '') return true;
  if (links === 0) return false;
  return PERSIAN_SUFFIXES.some(
    (suffix) => rest.startsWith(suffix) && isSuffixChain(rest.slice(suffix.length), links - 1),
  );
}

/** Regular English inflections: -s, -es, -ed, -ing, with a final e dropped and y turned into ie. */
function englishForms(word: string): Set<string> {
  const forms = new Set([word]);
  if (word.length < 3) return forms;
  for (const ending of ['s', 'es', 'ed', 'ing']) forms.add(word + ending);
  if (word.endsWith('e')) {
    forms.add(`${word}d`);
    forms.add(`${word.slice(0, -1)}ing`);
  }
  if (/[^aeiou]y$/u.test(word)) {
    forms.add(`${word.slice(0, -1)}ies`);
    forms.add(`${word.slice(0, -1)}ied`);
  }
  return forms;
}

/**
 * English (and any keyword without Arabic-script letters): the keyword's words must be whole consecutive
 * words of the comment; in 'inflected' mode the last one may carry an inflection.
 */
function wordMatcher(keyword: string, words: string[], mode: MatchMode): KeywordMatcher {
  const leading = words.slice(0, -1);
  const last = words.at(-1) ?? '';
  const lastForms = mode === 'exact' ? new Set([last]) : englishForms(last);
  return {
    keyword,
    find(tokens) {
      const spans: KeywordSpan[] = [];
      for (let start = 0; start + words.length <= tokens.length; start++) {
        const matches =
          leading.every((word, offset) => tokens[start + offset]?.text === word) &&
          lastForms.has(tokens[start + leading.length]?.text ?? '');
        if (matches) spans.push({ start, end: start + words.length - 1 });
      }
      return spans;
    },
  };
}

/**
 * Persian: the keyword with its spaces removed must equal one or more consecutive words of the comment
 * joined without spaces, optionally with a prefix and suffixes. Joining is what lets "می خواهم",
 * "می‌خواهم" and "میخواهم" match each other, and the match always starts and ends at word boundaries.
 */
function joinedMatcher(keyword: string, joined: string, mode: MatchMode): KeywordMatcher {
  const short = joined.length <= SHORT_KEYWORD_LENGTH;
  const fits = (candidate: string): boolean => {
    if (candidate === joined) return true;
    if (mode === 'exact') return false;
    if (short) return SHORT_KEYWORD_SUFFIXES.some((suffix) => candidate === joined + suffix);
    return ['', ...PERSIAN_PREFIXES].some(
      (prefix) =>
        candidate.startsWith(prefix + joined) &&
        isSuffixChain(candidate.slice(prefix.length + joined.length), MAX_SUFFIX_CHAIN),
    );
  };
  const longest = joined.length + (mode === 'exact' ? 0 : LONGEST_AFFIXES);
  const firstLetters = new Set(
    mode === 'exact' || short ? [joined[0]] : [joined[0], ...PERSIAN_PREFIXES.map((prefix) => prefix[0])],
  );
  return {
    keyword,
    find(tokens) {
      const spans: KeywordSpan[] = [];
      for (let start = 0; start < tokens.length; start++) {
        if (!firstLetters.has(tokens[start]?.text[0])) continue;
        let candidate = '';
        let end = -1;
        for (let index = start; index < tokens.length; index++) {
          candidate += tokens[index]?.text ?? '';
          if (candidate.length > longest) break;
          if (fits(candidate)) end = index;
        }
        // The longest reading counts, so that a following negation ("گران‌تر نبود") is seen after it.
        if (end >= 0) spans.push({ start, end });
      }
      return spans;
    },
  };
}

/** Compiles a keyword as the rules wrote it; undefined when it has no word left after normalisation. */
export function createKeywordMatcher(keyword: string, mode: MatchMode): KeywordMatcher | undefined {
  const tokens = tokeniseComment(normaliseComment(keyword));
  if (tokens.length === 0) return undefined;
  const words = tokens.map((token) => token.text);
  return tokens.some((token) => token.script === 'arabic')
    ? joinedMatcher(keyword, words.join(''), mode)
    : wordMatcher(keyword, words, mode);
}
