import { type KeywordLists, type TriageRules } from './triage-rules.js';

function freezeLists(lists: KeywordLists): KeywordLists {
  return Object.freeze({
    fa: Object.freeze([...lists.fa]),
    en: Object.freeze([...lists.en]),
  }) as KeywordLists;
}

/** The rules objects freezeTriageRules made: deeply frozen, so what they hold can never change. */
const FROZEN = new WeakSet<TriageRules>();

export function isFrozenTriageRules(rules: TriageRules): boolean {
  return FROZEN.has(rules);
}

/**
 * A deeply frozen copy: the default rules are shared by every caller, and a merged rules object should
 * not change under the service that uses it (build a new one with mergeTriageRules instead).
 */
export function freezeTriageRules(rules: TriageRules): TriageRules {
  const themes = Object.fromEntries(
    Object.entries(rules.themes).map(([theme, lists]) => [theme, freezeLists(lists)]),
  ) as TriageRules['themes'];
  const frozen = Object.freeze({
    themes: Object.freeze(themes),
    abuse: freezeLists(rules.abuse),
    positive: freezeLists(rules.positive),
    negative: freezeLists(rules.negative),
    flood: Object.freeze({ maxAnswers: rules.flood.maxAnswers, withinMs: rules.flood.withinMs }),
  });
  FROZEN.add(frozen);
  return frozen;
}
