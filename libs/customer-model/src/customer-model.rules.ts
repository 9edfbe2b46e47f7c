import type { LadderConfig } from '#config';
import { DEFAULT_CHURN_RULES, type ContactRules, type CustomerModelRules } from '#domain';

export const CUSTOMER_MODEL_RULES = Symbol('CUSTOMER_MODEL_RULES');
export const CONTACT_RULES = Symbol('CONTACT_RULES');

export function customerModelRules(config: LadderConfig): CustomerModelRules {
  return {
    ladder: {
      repeatWindowMs: config.customerModel.clientRepeatWindowMs,
      lapseWindowMs: config.customerModel.clientLapseWindowMs,
    },
    churn: { ...DEFAULT_CHURN_RULES, lateFactor: config.customerModel.churnLateFactor },
    rfmWindowMs: config.customerModel.rfmWindowMs,
  };
}

export function contactRules(config: LadderConfig): ContactRules {
  return { marketing: config.contactBudget.marketing, total: config.contactBudget.total };
}
