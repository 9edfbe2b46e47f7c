import { isFrozenTriageRules } from './freeze-triage-rules.js';
import { createKeywordMatcher, type KeywordMatcher, type MatchMode } from './keyword-matcher.js';
import {
  type FloodRule,
  KEYWORD_THEMES,
  type KeywordLists,
  type KeywordTheme,
  type TriageRules,
} from './triage-rules.js';

export interface CompiledTriageRules {
  themes: { theme: KeywordTheme; matchers: KeywordMatcher[] }[];
  abuse: KeywordMatcher[];
  positive: KeywordMatcher[];
  negative: KeywordMatcher[];
  flood: FloodRule;
}

function compileLists(lists: KeywordLists, mode: MatchMode): KeywordMatcher[] {
  return [...lists.fa, ...lists.en].flatMap((keyword) => createKeywordMatcher(keyword, mode) ?? []);
}

/**
 * Compiling normalises a few hundred keywords, so it is done once per rules object. A frozen one (the
 * default rules, merged ones) is known by itself alone. Any other is also remembered by its content, which
 * is cheaper to write out than to compile but not free: a rules object changed after its first use is
 * compiled again rather than matched with stale keywords.
 */
const compiledByRules = new WeakMap<TriageRules, { content: string; compiled: CompiledTriageRules }>();
const compiledFrozen = new WeakMap<TriageRules, CompiledTriageRules>();

export function compileTriageRules(rules: TriageRules): CompiledTriageRules {
  if (isFrozenTriageRules(rules)) {
    let compiled = compiledFrozen.get(rules);
    if (!compiled) {
      compiled = compile(rules);
      compiledFrozen.set(rules, compiled);
    }
    return compiled;
  }
  const content = JSON.stringify([
    KEYWORD_THEMES.map((theme) => rules.themes[theme]),
    rules.abuse,
    rules.positive,
    rules.negative,
  ]);
  const cached = compiledByRules.get(rules);
  if (cached !== undefined && cached.content === content)
    return { ...cached.compiled, flood: { ...rules.flood } };
  const compiled = compile(rules);
  compiledByRules.set(rules, { content, compiled });
  return compiled;
}

function compile(rules: TriageRules): CompiledTriageRules {
  return {
    themes: KEYWORD_THEMES.map((theme) => ({
      theme,
      matchers: compileLists(rules.themes[theme], 'inflected'),
    })),
    abuse: compileLists(rules.abuse, 'exact'),
    positive: compileLists(rules.positive, 'inflected'),
    negative: compileLists(rules.negative, 'inflected'),
    flood: { ...rules.flood },
  };
}
