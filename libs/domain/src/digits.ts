const PERSIAN_ZERO = 0x06f0; // ۰
const ARABIC_INDIC_ZERO = 0x0660; // ٠

/** Replaces Persian (۰–۹) and Arabic-Indic (٠–٩) digits with Latin ones; other characters are kept. */
export function toLatinDigits(text: string): string {
  let result = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code >= PERSIAN_ZERO && code <= PERSIAN_ZERO + 9) {
      result += String(code - PERSIAN_ZERO);
    } else if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) {
      result += String(code - ARABIC_INDIC_ZERO);
    } else {
      result += character;
    }
  }
  return result;
}

/** Writes the Latin digits of a text in Persian digits (for Persian e-mails and pages). */
export function toPersianDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCodePoint(PERSIAN_ZERO + Number(digit)));
}
