import type { InputTopic } from '#contracts';
import { classify, type Classification } from '#domain';
import { SeededRandom } from '#simulation';

export const FAULT_STORES = ['store-1', 'store-2', 'store-3', 'store-4'] as const;

/** One message for an input topic, as a shop's producer sends it: keyed by customer id. */
export interface LoadMessage {
  topic: InputTopic;
  key: string | Buffer | null;
  value: string | Buffer | null;
}

/** What Ladder must end with, worked out from the messages produced (never hard-coded). */
export class Oracle {
  /** The event id of every message that must be accepted, with its topic. */
  readonly accepted = new Map<string, InputTopic>();
  /** Answer counts per store. */
  readonly answers = new Map<string, Record<Classification, number>>();
  /** `customer|store` of every detractor answer: one case each. */
  readonly detractorPairs = new Set<string>();

  acceptPurchase(eventId: string): void {
    this.accept(eventId, 'purchases');
  }

  acceptLead(eventId: string): void {
    this.accept(eventId, 'leads');
  }

  acceptAnswer(eventId: string, customerId: string, storeId: string, score: number): void {
    this.accept(eventId, 'surveys');
    const classification = classify(score);
    const counts = this.answers.get(storeId) ?? { promoter: 0, passive: 0, detractor: 0 };
    counts[classification] += 1;
    this.answers.set(storeId, counts);
    if (classification === 'detractor') this.detractorPairs.add(`${customerId}|${storeId}`);
  }

  count(topic: InputTopic): number {
    let count = 0;
    for (const value of this.accepted.values()) if (value === topic) count += 1;
    return count;
  }

  private accept(eventId: string, topic: InputTopic): void {
    if (this.accepted.has(eventId)) throw new Error(`the load repeats event id ${eventId}`);
    this.accepted.set(eventId, topic);
  }
}

export interface LoadShape {
  seed: number;
  purchases: number;
  /** Answers in all, of which the detractors' and the promoters' below; the rest are passives. */
  answers: number;
  /** Distinct detractor customers; some answer twice at the same store (the second joins the case). */
  detractorCustomers: number;
  promoters: number;
  leads: number;
  /** Ordinary customers who buy and answer (passives, promoters). */
  customers: number;
}

/**
 * The suite's standard load: 20,000 events, ~9,000 purchases, ~10,000 answers with 500 detractor
 * customers and few promoters (who would each get an invitation e-mail, slow on two cores), ~1,000 leads.
 */
export const STANDARD_LOAD: LoadShape = {
  seed: 15,
  purchases: 9_000,
  answers: 10_000,
  detractorCustomers: 500,
  promoters: 200,
  leads: 1_000,
  customers: 3_000,
};

const DAY_MS = 86_400_000;

/** A seeded, deterministic load and what it must produce; messages are shuffled across topics. */
export function buildLoad(
  shape: LoadShape = STANDARD_LOAD,
  prefix = 'f',
): {
  messages: LoadMessage[];
  oracle: Oracle;
} {
  const random = new SeededRandom(shape.seed);
  const oracle = new Oracle();
  const messages: LoadMessage[] = [];
  const now = Date.now();
  const at = () => new Date(now - Math.floor(random.next() * 20 * DAY_MS)).toISOString();
  const customer = () => `${prefix}-c-${String(random.integer(1, shape.customers)).padStart(5, '0')}`;
  const store = () => random.pick(FAULT_STORES);

  for (let index = 0; index < shape.purchases; index += 1) {
    const eventId = `${prefix}-p-${index}`;
    const customerId = customer();
    const storeId = store();
    const amountMinor = random.integer(500, 500_000);
    messages.push(
      json('purchases', customerId, {
        eventId,
        occurredAt: at(),
        customer: { id: customerId, email: `${customerId}@customers.test` },
        storeId,
        employeeId: `emp-${storeId.slice(-1)}`,
        orderId: `${prefix}-o-${index}`,
        total: { amountMinor, currency: 'EUR' },
        items: [{ sku: 'sku-1', category: 'tv', quantity: 1, unitPriceMinor: amountMinor }],
        channel: 'store',
      }),
    );
    oracle.acceptPurchase(eventId);
  }

  let answers = 0;
  const answer = (customerId: string, storeId: string, score: number, comment?: string) => {
    const eventId = `${prefix}-s-${answers}`;
    answers += 1;
    messages.push(
      json('surveys', customerId, {
        eventId,
        occurredAt: at(),
        customer: { id: customerId, email: `${customerId}@customers.test` },
        storeId,
        employeeId: `emp-${storeId.slice(-1)}`,
        score,
        ...(comment ? { comment } : {}),
        channel: 'email',
        // No marketing consent: promoters are thanked in the read model, without invitation e-mails.
        consent: { marketing: false },
      }),
    );
    oracle.acceptAnswer(eventId, customerId, storeId, score);
  };
  for (let index = 0; index < shape.detractorCustomers; index += 1) {
    const customerId = `${prefix}-d-${String(index).padStart(4, '0')}`;
    const storeId = store();
    answer(customerId, storeId, random.integer(0, 6), 'Waited 40 minutes and nobody helped me.');
    if (random.chance(0.2)) answer(customerId, storeId, random.integer(0, 6), 'Still nobody called.');
  }
  for (let index = 0; index < shape.promoters; index += 1) answer(customer(), store(), random.integer(9, 10));
  while (answers < shape.answers) answer(customer(), store(), random.integer(7, 8));

  for (let index = 0; index < shape.leads; index += 1) {
    const eventId = `${prefix}-l-${index}`;
    const customerId = `${prefix}-lead-${index}`;
    messages.push(
      json('leads', customerId, {
        eventId,
        occurredAt: at(),
        customer: { id: customerId },
        storeId: store(),
        kind: random.pick(['seen-ad', 'showed-interest', 'signed-up']),
      }),
    );
    oracle.acceptLead(eventId);
  }

  // Fisher–Yates with the seeded generator: the same order every run.
  for (let index = messages.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random.next() * (index + 1));
    [messages[index], messages[other]] = [messages[other]!, messages[index]!];
  }
  return { messages, oracle };
}

export function json(topic: InputTopic, key: string, value: unknown): LoadMessage {
  return { topic, key, value: JSON.stringify(value) };
}
