import { freezeTriageRules } from './freeze-triage-rules.js';
import { normaliseComment } from './normalise-comment.js';
import { KEYWORD_THEMES, type KeywordLists, type KeywordTheme, type TriageRules } from './triage-rules.js';

export interface KeywordListsExtension {
  fa?: string[];
  en?: string[];
}

/** What a manager adds to the rules (for example parsed from YAML): every part is optional. */
export interface TriageRulesExtension {
  themes?: Partial<Record<KeywordTheme, KeywordListsExtension>>;
  abuse?: KeywordListsExtension;
  positive?: KeywordListsExtension;
  negative?: KeywordListsExtension;
  flood?: { maxAnswers?: number; withinMs?: number };
}

const LIST_KEYS = ['themes', 'abuse', 'positive', 'negative', 'flood'];
const LANGUAGES = ['fa', 'en'];
const FLOOD_KEYS = ['maxAnswers', 'withinMs'];

// The extension usually comes from a file a person wrote: a misspelt key would silently do nothing.
function checkKeys(value: unknown, allowed: readonly string[], where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where} must be a mapping`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new RangeError(`${where} has an unknown key "${key}"`);
  }
  return value as Record<string, unknown>;
}

/** Base keywords first, then the new ones; a keyword equal to an earlier one once normalised is dropped. */
function mergeList(base: readonly string[], added: unknown, where: string): string[] {
  if (
    added !== undefined &&
    (!Array.isArray(added) || added.some((keyword) => typeof keyword !== 'string'))
  ) {
    throw new TypeError(`${where} must be a list of strings`);
  }
  const seen = new Set<string>();
  return [...base, ...((added as string[] | undefined) ?? [])].filter((keyword) => {
    const normalised = normaliseComment(keyword);
    if (normalised === '' || seen.has(normalised)) return false;
    seen.add(normalised);
    return true;
  });
}

function mergeLists(base: KeywordLists, added: unknown, where: string): KeywordLists {
  if (added === undefined)
    return { fa: mergeList(base.fa, undefined, where), en: mergeList(base.en, undefined, where) };
  const lists = checkKeys(added, LANGUAGES, where);
  return {
    fa: mergeList(base.fa, lists['fa'], `${where}.fa`),
    en: mergeList(base.en, lists['en'], `${where}.en`),
  };
}

function floodNumber(value: unknown, fallback: number, where: string, minimum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${where} must be an integer of at least ${minimum}`);
  }
  return value;
}

/**
 * The base rules with the extension's keywords added to the same lists (deduplicated, compared once
 * normalised) and the flood numbers replaced where given. The result is a new, frozen rules object; the
 * base is not changed. Throws on unknown keys, lists that are not lists of strings, or flood numbers that
 * are not positive integers.
 */
export function mergeTriageRules(base: TriageRules, extension: TriageRulesExtension): TriageRules {
  const parts = checkKeys(extension, LIST_KEYS, 'triage rules extension');
  const themes = checkKeys(parts['themes'] ?? {}, KEYWORD_THEMES, 'themes');
  const flood = checkKeys(parts['flood'] ?? {}, FLOOD_KEYS, 'flood');
  return freezeTriageRules({
    themes: Object.fromEntries(
      KEYWORD_THEMES.map((theme) => [
        theme,
        mergeLists(base.themes[theme], themes[theme], `themes.${theme}`),
      ]),
    ) as TriageRules['themes'],
    abuse: mergeLists(base.abuse, parts['abuse'], 'abuse'),
    positive: mergeLists(base.positive, parts['positive'], 'positive'),
    negative: mergeLists(base.negative, parts['negative'], 'negative'),
    flood: {
      maxAnswers: floodNumber(flood['maxAnswers'], base.flood.maxAnswers, 'flood.maxAnswers', 1),
      withinMs: floodNumber(flood['withinMs'], base.flood.withinMs, 'flood.withinMs', 1),
    },
  });
}
