/**
 * Keyboard rows (Latin QWERTY and the standard Persian layout). Running along a row for this many keys,
 * either way, is keyboard mashing. The Latin top row needs five keys because "erty" is in "property".
 */
const KEYBOARD_ROWS: readonly { keys: string; run: number }[] = [
  { keys: 'qwertyuiop', run: 5 },
  { keys: 'asdfghjkl', run: 4 },
  { keys: 'zxcvbnm', run: 4 },
  { keys: 'ضصثقفغعهخحجچ', run: 4 },
  { keys: 'شسیبلاتنمکگ', run: 4 },
  { keys: 'ظطزرذدپو', run: 4 },
];

const KEYBOARD_RUNS: ReadonlySet<string> = new Set(
  KEYBOARD_ROWS.flatMap(({ keys, run }) =>
    [keys, [...keys].reverse().join('')].flatMap((row) =>
      Array.from({ length: row.length - run + 1 }, (_, start) => row.slice(start, start + run)),
    ),
  ),
);

const SAME_CHARACTER_RUN = 5;
const LATIN_NOISE_LENGTH = 6;
const CONSONANT_RUN = /[bcdfghjklmnpqrstvwxz]{5}/u;
const LATIN_VOWEL = /[aeiouy]/u;
const LETTER = /\p{L}/u;
const MINIMUM_LETTER_SHARE = 0.3;
const NOISE_SHARE = 0.5;
const FEW_DISTINCT_LETTERS = 2;
const MANY_LETTERS = 5;

/** Runs of three or more of one character count once ("soooo" → "so", "!!!!!" → "!"). */
function collapseRuns(characters: readonly string[]): string[] {
  return characters.filter((character, index) => {
    const runStart = index >= 2 && characters[index - 1] === character && characters[index - 2] === character;
    const runMiddle =
      index >= 1 && characters[index - 1] === character && characters[index + 1] === character;
    return !runStart && !runMiddle;
  });
}

/**
 * The unit of a word that is one short unit said over and over ("hahaha", "qwqwqw", "asdasdasd"): two or
 * three characters, at least two of them different, repeated at least three times so that "murmur" and
 * "bonbon" stay words. Undefined otherwise.
 */
function repeatedUnit(characters: readonly string[]): string[] | undefined {
  for (const size of [2, 3]) {
    const unit = characters.slice(0, size);
    if (characters.length < size * 3 || new Set(unit).size < 2) continue;
    if (characters.every((character, index) => character === unit[index % size])) return unit;
  }
  return undefined;
}

function isKeyboardMash(characters: readonly string[]): boolean {
  return [4, 5].some((run) =>
    characters.some((_, start) => KEYBOARD_RUNS.has(characters.slice(start, start + run).join(''))),
  );
}

/** A Latin letter run of six or more with no vowel, or with five consonants in a row ("sdkfjh"). */
function isLatinNoise(chunk: string): boolean {
  return (chunk.match(/[a-z]+/gu) ?? []).some(
    (letters) =>
      letters.length >= LATIN_NOISE_LENGTH && (!LATIN_VOWEL.test(letters) || CONSONANT_RUN.test(letters)),
  );
}

function isNoiseChunk(characters: readonly string[]): boolean {
  const sameCharacter = characters.length >= SAME_CHARACTER_RUN && new Set(characters).size === 1;
  return (
    sameCharacter ||
    repeatedUnit(characters) !== undefined ||
    isKeyboardMash(characters) ||
    isLatinNoise(characters.join(''))
  );
}

/**
 * Keyboard mashing or noise, on a normalised comment. The text is gibberish when
 * 1. it has no letter at all (only digits, punctuation, symbols or emoji: a phone number is not a
 *    comment), or
 * 2. letters are under 30 % of its non-space characters (runs of one character counted once), or
 * 3. it has at least five letters but only one or two different ones ("ههه ههه", "aaaa bbb"), or
 * 4. at least half of it is noise words: one character five times or more ("ssssssss"), a short unit
 *    repeated ("qwqwqwqw", "hahaha"), a run along a keyboard row ("asdfgh", "شسیب"), or a Latin word of
 *    six letters or more without a vowel or with five consonants in a row. Repetition is counted once
 *    here too, so laughter after a real sentence ("عالی بود هههههههه") stays a minority.
 */
export function isGibberish(normalised: string): boolean {
  const chunks = normalised.split(' ').filter((chunk) => chunk !== '');
  const characters = chunks.flatMap((chunk) => collapseRuns([...chunk]));
  const letters = [...normalised].filter((character) => LETTER.test(character));
  if (letters.length === 0) return true;
  if (
    characters.filter((character) => LETTER.test(character)).length <
    MINIMUM_LETTER_SHARE * characters.length
  ) {
    return true;
  }
  if (letters.length >= MANY_LETTERS && new Set(letters).size <= FEW_DISTINCT_LETTERS) return true;
  let noise = 0;
  let total = 0;
  for (const chunk of chunks) {
    const chunkCharacters = [...chunk];
    const collapsed = collapseRuns(chunkCharacters);
    const weight = (repeatedUnit(collapsed) ?? collapsed).length;
    total += weight;
    if (isNoiseChunk(chunkCharacters)) noise += weight;
  }
  return noise >= NOISE_SHARE * total;
}
