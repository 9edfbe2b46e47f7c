import { type KeywordMatcher, type KeywordSpan } from './keyword-matcher.js';
import { type Token } from './tokenise-comment.js';

const ENGLISH_NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'never',
  'no',
  'nothing',
  'hardly',
  'cannot',
  'without',
]);
/** Words that may stand between an English negator and the word it negates: "not very good". */
const ENGLISH_SOFTENERS: ReadonlySet<string> = new Set([
  'very',
  'so',
  'too',
  'that',
  'really',
  'particularly',
  'exactly',
  'quite',
  'the',
  'a',
  'as',
]);
/** Persian negates after the word ("خوب نبود", "راضی نیستم"); these are the beginnings of such verbs. */
const PERSIAN_NEGATIONS_AFTER = ['نبود', 'نیست', 'نشد', 'نداشت'];
const PERSIAN_FILLERS_AFTER: ReadonlySet<string> = new Set(['هم', 'اصلا']);
/** "نه چندان خوب" (not so good). */
const PERSIAN_NEGATOR_BEFORE = 'نه';
const PERSIAN_SOFTENERS_BEFORE: ReadonlySet<string> = new Set(['چندان', 'خیلی', 'زیاد']);
/**
 * A comment that weighs one thing against another ("great staff, but we waited 40 minutes") explains a
 * low score rather than contradicting it, so it is never a score mismatch.
 */
const CONTRAST_WORDS: ReadonlySet<string> = new Set([
  'but',
  'however',
  'although',
  'though',
  'except',
  'unfortunately',
  'ولی',
  'اما',
  'ولیکن',
  'هرچند',
  'متاسفانه',
  'جز',
  'بجز',
]);

const LOW_SCORE = 4;
const HIGH_SCORE = 9;

function isNegated(tokens: readonly Token[], span: KeywordSpan): boolean {
  const word = (index: number): string => tokens[index]?.text ?? '';
  const englishBefore =
    ENGLISH_NEGATORS.has(word(span.start - 1)) ||
    (ENGLISH_SOFTENERS.has(word(span.start - 1)) && ENGLISH_NEGATORS.has(word(span.start - 2)));
  const persianBefore =
    word(span.start - 1) === PERSIAN_NEGATOR_BEFORE ||
    (PERSIAN_SOFTENERS_BEFORE.has(word(span.start - 1)) && word(span.start - 2) === PERSIAN_NEGATOR_BEFORE);
  const isPersianNegation = (candidate: string): boolean =>
    PERSIAN_NEGATIONS_AFTER.some((negation) => candidate.startsWith(negation));
  const persianAfter =
    isPersianNegation(word(span.end + 1)) ||
    (PERSIAN_FILLERS_AFTER.has(word(span.end + 1)) && isPersianNegation(word(span.end + 2)));
  return englishBefore || persianBefore || persianAfter;
}

/** Whether any occurrence of these keywords is negated, and whether any is not. */
function occurrences(tokens: readonly Token[], matchers: readonly KeywordMatcher[]) {
  let plain = false;
  let negated = false;
  for (const matcher of matchers) {
    for (const span of matcher.find(tokens)) {
      if (isNegated(tokens, span)) negated = true;
      else plain = true;
    }
  }
  return { plain, negated };
}

export interface SentimentMatchers {
  positive: readonly KeywordMatcher[];
  negative: readonly KeywordMatcher[];
}

/**
 * The comment contradicts the score: it has strongly positive words and no strongly negative ones with a
 * score of 4 or less, or strongly negative words and no strongly positive ones with a score of 9 or more.
 * A negated positive word ("not great", "عالی نبود") counts as negative; a negated negative word
 * ("not bad", "بد نبود") counts as nothing. A comment with a contrast word (but, ولی, …) is never a
 * mismatch.
 */
export function isScoreMismatch(
  tokens: readonly Token[],
  sentiment: SentimentMatchers,
  score: number,
): boolean {
  if (tokens.some((token) => CONTRAST_WORDS.has(token.text))) return false;
  const positive = occurrences(tokens, sentiment.positive);
  const negative = occurrences(tokens, sentiment.negative);
  const isPositive = positive.plain;
  const isNegative = negative.plain || positive.negated;
  return (
    (isPositive && !isNegative && score <= LOW_SCORE) || (isNegative && !isPositive && score >= HIGH_SCORE)
  );
}
