import { compileTriageRules } from './compile-triage-rules.js';
import { DEFAULT_TRIAGE_RULES } from './default-triage-rules.js';
import { type CommentLanguage, detectLanguage } from './detect-language.js';
import { isFlood } from './is-flood.js';
import { isGibberish } from './is-gibberish.js';
import { isScoreMismatch } from './is-score-mismatch.js';
import { normaliseComment } from './normalise-comment.js';
import { tokeniseComment } from './tokenise-comment.js';
import { type Theme, type TriageRules } from './triage-rules.js';

export type JunkFlag = 'gibberish' | 'abuse' | 'score-mismatch' | 'flood';

export interface TriageInput {
  comment: string | null;
  /** 0..10. */
  score: number;
  occurredAt: Date;
  /** When this customer's other answers were given (not including this one), for the flood rule. */
  otherAnswerTimes: Date[];
}

export interface TriageResult {
  language: CommentLanguage;
  /** Sorted and unique; ['other'] when there is a comment but no theme matched; [] without a comment. */
  themes: Theme[];
  /** Sorted and unique. */
  flags: JunkFlag[];
  /** 'flagged' when there is any flag. */
  quality: 'ok' | 'flagged';
}

const MIN_SCORE = 0;
const MAX_SCORE = 10;

/**
 * What a survey comment is about and whether it looks like junk. Deterministic and pure. A comment that
 * is null, empty or only spaces and invisible characters is no comment: no themes, language 'unknown',
 * and only the flood rule can flag the answer.
 */
export function triageComment(input: TriageInput, rules: TriageRules = DEFAULT_TRIAGE_RULES): TriageResult {
  if (!Number.isInteger(input.score) || input.score < MIN_SCORE || input.score > MAX_SCORE) {
    throw new RangeError(`score must be an integer from ${MIN_SCORE} to ${MAX_SCORE}, got ${input.score}`);
  }
  if (Number.isNaN(input.occurredAt.getTime())) throw new RangeError('occurredAt is not a valid date');
  const compiled = compileTriageRules(rules);
  const flags = new Set<JunkFlag>();
  if (isFlood(input.occurredAt, input.otherAnswerTimes, compiled.flood)) flags.add('flood');

  const normalised = typeof input.comment === 'string' ? normaliseComment(input.comment) : '';
  let language: CommentLanguage = 'unknown';
  const themes = new Set<Theme>();
  if (normalised !== '') {
    const tokens = tokeniseComment(normalised);
    language = detectLanguage(normalised);
    for (const { theme, matchers } of compiled.themes) {
      if (matchers.some((matcher) => matcher.find(tokens).length > 0)) themes.add(theme);
    }
    if (themes.size === 0) themes.add('other');
    if (isGibberish(normalised)) flags.add('gibberish');
    if (compiled.abuse.some((matcher) => matcher.find(tokens).length > 0)) flags.add('abuse');
    if (isScoreMismatch(tokens, compiled, input.score)) flags.add('score-mismatch');
  }
  return {
    language,
    themes: [...themes].sort(),
    flags: [...flags].sort(),
    quality: flags.size > 0 ? 'flagged' : 'ok',
  };
}
