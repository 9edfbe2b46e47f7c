import { type KeywordLists, type TriageRules } from './triage-rules.js';

function freezeLists(lists: KeywordLists): KeywordLists {
  return Object.freeze({
    fa: Object.freeze([...lists.fa]),
    en: Object.freeze([...lists.en]),
  }) as KeywordLists;
}

/**
 * A deeply frozen copy: the default rules are shared by every caller, and a merged rules object should
 * not change under the service that uses it (build a new one with mergeTriageRules instead).
 */
export function freezeTriageRules(rules: TriageRules): TriageRules {
  const themes = Object.fromEntries(
    Object.entries(rules.themes).map(([theme, lists]) => [theme, freezeLists(lists)]),
  ) as TriageRules['themes'];
  return Object.freeze({
    themes: Object.freeze(themes),
    abuse: freezeLists(rules.abuse),
    positive: freezeLists(rules.positive),
    negative: freezeLists(rules.negative),
    flood: Object.freeze({ maxAnswers: rules.flood.maxAnswers, withinMs: rules.flood.withinMs }),
  });
}
