/**
 * One budget per customer over every message Ladder sends them (DESIGN.md §5): marketing (invitations,
 * referral asks, cross-sell) needs consent and is limited to a few per window; every customer message
 * together (re-surveys included) is limited too; and after the customer unsubscribed nothing is sent at
 * all. Alerts to staff are not customer messages and never ask. Every sender asks `contactDecision` before
 * it decides to send, and records the contact in the same transaction.
 */
export type ContactKind = 'marketing' | 'service';

export interface ContactLimit {
  max: number;
  withinMs: number;
}

export interface ContactRules {
  marketing: ContactLimit;
  total: ContactLimit;
}

export const DEFAULT_CONTACT_RULES: ContactRules = {
  marketing: { max: 1, withinMs: 30 * 86_400_000 },
  total: { max: 3, withinMs: 30 * 86_400_000 },
};

export interface ContactHistory {
  /** The customer's latest answer to "may we send you offers?"; null when never asked. */
  marketingConsent: boolean | null;
  unsubscribedAt: Date | null;
  /** Messages already sent (or decided) to this customer. */
  contacts: ReadonlyArray<{ at: Date; kind: ContactKind }>;
}

export type ContactRefusal = 'no-consent' | 'unsubscribed' | 'marketing-budget-spent' | 'budget-spent';

export type ContactDecision =
  { allowed: true } | { allowed: false; reason: ContactRefusal; nextAllowedAt: Date | null };

export interface BudgetUse {
  used: number;
  limit: number;
  withinMs: number;
  /** When one more message of this kind fits, if it does not now. */
  nextAllowedAt: string | null;
}

export interface ContactBudget {
  marketingConsent: boolean | null;
  unsubscribed: boolean;
  marketing: BudgetUse;
  total: BudgetUse;
}

function usage(
  contacts: ContactHistory['contacts'],
  limit: ContactLimit,
  now: Date,
): { used: number; nextAllowedAt: Date | null } {
  const since = now.getTime() - limit.withinMs;
  const inWindow = contacts
    .map((contact) => contact.at.getTime())
    .filter((time) => time > since && time <= now.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length < limit.max) return { used: inWindow.length, nextAllowedAt: null };
  // The window frees a place when the oldest message that keeps it full leaves it.
  const freeing = inWindow[inWindow.length - limit.max]!;
  return { used: inWindow.length, nextAllowedAt: new Date(freeing + limit.withinMs) };
}

export function contactDecision(
  history: ContactHistory,
  kind: ContactKind,
  now: Date,
  rules: ContactRules,
): ContactDecision {
  // Unsubscribing stops every e-mail to the customer, not only offers: the link's page promises "no more".
  if (history.unsubscribedAt) return { allowed: false, reason: 'unsubscribed', nextAllowedAt: null };
  if (kind === 'marketing') {
    if (history.marketingConsent !== true)
      return { allowed: false, reason: 'no-consent', nextAllowedAt: null };
    const marketing = usage(
      history.contacts.filter((contact) => contact.kind === 'marketing'),
      rules.marketing,
      now,
    );
    if (marketing.nextAllowedAt) {
      return { allowed: false, reason: 'marketing-budget-spent', nextAllowedAt: marketing.nextAllowedAt };
    }
  }
  const total = usage(history.contacts, rules.total, now);
  if (total.nextAllowedAt)
    return { allowed: false, reason: 'budget-spent', nextAllowedAt: total.nextAllowedAt };
  return { allowed: true };
}

/** The budget as a person reads it on the customer's profile. */
export function contactBudget(history: ContactHistory, now: Date, rules: ContactRules): ContactBudget {
  const marketing = usage(
    history.contacts.filter((contact) => contact.kind === 'marketing'),
    rules.marketing,
    now,
  );
  const total = usage(history.contacts, rules.total, now);
  return {
    marketingConsent: history.marketingConsent,
    unsubscribed: history.unsubscribedAt !== null,
    marketing: {
      used: marketing.used,
      limit: rules.marketing.max,
      withinMs: rules.marketing.withinMs,
      nextAllowedAt: marketing.nextAllowedAt?.toISOString() ?? null,
    },
    total: {
      used: total.used,
      limit: rules.total.max,
      withinMs: rules.total.withinMs,
      nextAllowedAt: total.nextAllowedAt?.toISOString() ?? null,
    },
  };
}
