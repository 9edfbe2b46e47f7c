import type { InputEvent } from '#contracts';
import type { CustomerObservation, NpsIncrement, SurveyAnswerRow } from '#persistence';

/** Folds a batch's events into one observation per customer: latest contact details, first and last seen. */
export function foldCustomers(
  events: ReadonlyArray<{ input: InputEvent; occurredAt: Date }>,
): CustomerObservation[] {
  const byId = new Map<string, CustomerObservation>();
  for (const { input, occurredAt } of events) {
    const customer = input.event.customer;
    const consent = input.topic === 'surveys' ? (input.event.consent?.marketing ?? null) : null;
    const current = byId.get(customer.id);
    const next: CustomerObservation = current ?? {
      id: customer.id,
      email: null,
      phone: null,
      name: null,
      locale: null,
      contactObservedAt: occurredAt,
      marketingConsent: null,
      consentObservedAt: null,
      firstSeenAt: occurredAt,
      lastSeenAt: occurredAt,
    };
    const newer = occurredAt >= next.contactObservedAt || current === undefined;
    const pick = (known: string | null, seen: string | undefined) =>
      seen === undefined ? known : newer || known === null ? seen : known;
    next.email = pick(next.email, customer.email);
    next.phone = pick(next.phone, customer.phone);
    next.name = pick(next.name, customer.name);
    next.locale = pick(next.locale, customer.locale);
    if (occurredAt > next.contactObservedAt) next.contactObservedAt = occurredAt;
    if (consent !== null && (next.consentObservedAt === null || occurredAt >= next.consentObservedAt)) {
      next.marketingConsent = consent;
      next.consentObservedAt = occurredAt;
    }
    if (occurredAt < next.firstSeenAt) next.firstSeenAt = occurredAt;
    if (occurredAt > next.lastSeenAt) next.lastSeenAt = occurredAt;
    byId.set(customer.id, next);
  }
  return [...byId.values()];
}

/** Pre-aggregates a batch's answers per store, employee and local day, for one upsert. */
export function foldNps(answers: readonly SurveyAnswerRow[]): NpsIncrement[] {
  const byKey = new Map<string, NpsIncrement>();
  for (const answer of answers) {
    const employeeId = answer.employeeId ?? '';
    const key = JSON.stringify([answer.storeId, employeeId, answer.localDay]);
    const increment = byKey.get(key) ?? {
      storeId: answer.storeId,
      employeeId,
      day: answer.localDay,
      promoters: 0,
      passives: 0,
      detractors: 0,
      flaggedPromoters: 0,
      flaggedPassives: 0,
      flaggedDetractors: 0,
    };
    const flagged = answer.quality === 'flagged' ? 1 : 0;
    if (answer.classification === 'promoter') {
      increment.promoters += 1;
      increment.flaggedPromoters += flagged;
    } else if (answer.classification === 'passive') {
      increment.passives += 1;
      increment.flaggedPassives += flagged;
    } else {
      increment.detractors += 1;
      increment.flaggedDetractors += flagged;
    }
    byKey.set(key, increment);
  }
  return [...byKey.values()];
}
