import { LADDER_CONFIG, type LadderConfig } from '#config';
import { DEFAULT_TRIAGE_RULES, mergeTriageRules, type TriageRules, type TriageRulesExtension } from '#domain';
import type { Provider } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const TRIAGE_RULES = Symbol('TRIAGE_RULES');

export class TriageRulesError extends Error {
  readonly code = 'invalid-triage-rules';
}

/**
 * The comment-triage rules: the built-in taxonomy, plus the keywords a manager added in LADDER_TRIAGE_RULES
 * (YAML or JSON, the shape of docs/customer-model.md), plus the flood limit of LADDER_FLOOD.
 */
export function loadTriageRules(config: LadderConfig): TriageRules {
  let rules = DEFAULT_TRIAGE_RULES;
  if (config.triage.rulesPath) {
    let extension: unknown;
    try {
      extension = parse(readFileSync(config.triage.rulesPath, 'utf8'));
    } catch (error) {
      throw new TriageRulesError(
        `The triage rules ${config.triage.rulesPath} cannot be used: ${(error as Error).message}`,
      );
    }
    if (extension === null || typeof extension !== 'object' || Array.isArray(extension)) {
      throw new TriageRulesError(
        `The triage rules ${config.triage.rulesPath} must be a mapping of lists of keywords`,
      );
    }
    try {
      rules = mergeTriageRules(rules, extension as TriageRulesExtension);
    } catch (error) {
      throw new TriageRulesError(
        `The triage rules ${config.triage.rulesPath} cannot be used: ${(error as Error).message}`,
      );
    }
  }
  return { ...rules, flood: { maxAnswers: config.triage.flood.max, withinMs: config.triage.flood.withinMs } };
}

export const triageRulesProvider: Provider = {
  provide: TRIAGE_RULES,
  inject: [LADDER_CONFIG],
  useFactory: loadTriageRules,
};
