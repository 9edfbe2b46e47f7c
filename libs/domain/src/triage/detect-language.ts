import { normaliseComment } from './normalise-comment.js';
import { tokeniseComment } from './tokenise-comment.js';

export type CommentLanguage = 'fa' | 'en' | 'mixed' | 'unknown';

/** The smaller language must reach this share of the words (and two words) for a comment to be mixed. */
const MIXED_MINIMUM_SHARE = 0.25;
const MIXED_MINIMUM_WORDS = 2;

/**
 * Counts words in Arabic script (read as Persian) and in Latin script (read as English); digits and
 * other scripts do not count. A brand name in a Persian sentence ("گوشی Samsung خریدم") keeps it
 * Persian; a comment is 'mixed' when the smaller language has at least two words and a quarter of
 * them, or when both have the same number of words. No words at all: 'unknown'.
 */
export function detectLanguage(text: string): CommentLanguage {
  let persian = 0;
  let english = 0;
  for (const token of tokeniseComment(normaliseComment(text))) {
    if (token.script === 'arabic') persian++;
    if (token.script === 'latin') english++;
  }
  const words = persian + english;
  if (words === 0) return 'unknown';
  const smaller = Math.min(persian, english);
  if (persian === english) return 'mixed';
  if (smaller >= MIXED_MINIMUM_WORDS && smaller / words >= MIXED_MINIMUM_SHARE) return 'mixed';
  return persian > english ? 'fa' : 'en';
}
