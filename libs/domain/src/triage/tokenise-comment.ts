/** Which kind of characters a token is made of; a change of kind is a word boundary. */
export type TokenScript = 'latin' | 'arabic' | 'digit' | 'other';

export interface Token {
  text: string;
  script: TokenScript;
}

/**
 * Words of a normalised comment: runs of Latin letters, of Arabic-script letters, of digits, or of
 * letters of another script (combining marks stay with their letter). Everything else (spaces,
 * punctuation, emoji) separates words, and so does a change of script, so "40دقیقه" is "40" and "دقیقه".
 */
const TOKEN =
  /(?<latin>(?:(?=\p{L})\p{Script=Latin}\p{M}*)+)|(?<arabic>(?:(?=[\p{L}\p{M}])\p{Script=Arabic})+)|(?<digit>\p{Nd}+)|(?<other>(?:[^\P{L}\p{Script=Latin}\p{Script=Arabic}]\p{M}*)+)/gu;

/** English contractions such as "wasn't" are read as "was not", so that negation can be seen. */
const NOT_CONTRACTION = /n['’‘`]t(?!\p{L})/gu;

export function tokeniseComment(normalised: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalised.replace(NOT_CONTRACTION, ' not').matchAll(TOKEN)) {
    const groups = match.groups ?? {};
    const script: TokenScript =
      groups['latin'] !== undefined
        ? 'latin'
        : groups['arabic'] !== undefined
          ? 'arabic'
          : groups['digit'] !== undefined
            ? 'digit'
            : 'other';
    tokens.push({ text: match[0], script });
  }
  return tokens;
}
