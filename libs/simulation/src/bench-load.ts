import type { InputTopic } from '#contracts';
import { COMMENTS, FIRST_NAMES } from './comments.js';
import { SeededRandom } from './random.js';
import type { SimulatedMessage, SimulatedStore } from './traffic-simulator.js';

export interface BenchLoadOptions {
  seed: number;
  /** How many events, one after another `intervalMs` apart from `firstAt`. */
  events: number;
  customers: number;
  stores: SimulatedStore[];
  firstAt: Date;
  intervalMs: number;
  /** Tells apart the event ids of several loads for the same customers (a warm-up, a paced run). */
  tag: string;
}

/** The benchmark's mix (issue "Ten times faster"): purchases, answers (a quarter of them detractors), leads. */
export const BENCH_MIX: ReadonlyArray<readonly [InputTopic, number]> = [
  ['purchases', 0.4],
  ['surveys', 0.5],
  ['leads', 0.1],
];
const SCORE_BANDS: ReadonlyArray<readonly [readonly number[], number]> = [
  [[0, 1, 2, 3, 4, 5, 6], 0.25],
  [[7, 8], 0.3],
  [[9, 10], 0.45],
];

/**
 * A benchmark's load: a stream of events at a steady pace, valid and realistic (customers with a home store,
 * names, contacts and consent; answers with comments in the store's language, naming the employee; purchases
 * with their amounts), mixed as BENCH_MIX says, keyed by customer. Unlike the demo's traffic it is sized by
 * events, not by customers and days, and its shares hold exactly enough to compare one run with the next.
 * Deterministic for a seed.
 */
export function benchLoad(options: BenchLoadOptions): SimulatedMessage[] {
  const random = new SeededRandom(options.seed);
  const customers = Array.from({ length: options.customers }, (_, index) => {
    const store = random.weighted(options.stores.map((candidate) => [candidate, candidate.weight] as const));
    const language: 'fa' | 'en' = store.locale.startsWith('fa') ? 'fa' : 'en';
    const id = `bench-c-${options.seed}-${index}`;
    const customer: Record<string, string> = {
      id,
      name: random.pick(FIRST_NAMES[language]),
      locale: store.locale,
    };
    if (random.chance(0.8)) customer.email = `${id}@example.com`;
    return { customer, store, language, consents: random.chance(0.6) };
  });
  const messages: SimulatedMessage[] = [];
  for (let index = 0; index < options.events; index += 1) {
    const at = new Date(options.firstAt.getTime() + index * options.intervalMs);
    const { customer, store, language, consents } = random.pick(customers);
    const topic = random.weighted(BENCH_MIX);
    const eventId = `bench-${options.tag}-${options.seed}-${index}`;
    const employeeId = store.employeeIds.length ? random.pick(store.employeeIds) : undefined;
    const body: Record<string, unknown> =
      topic === 'purchases'
        ? {
            eventId,
            customer,
            storeId: store.id,
            employeeId,
            orderId: `o-${eventId}`,
            total: {
              amountMinor:
                store.currency === 'IRR'
                  ? random.integer(5, 400) * 1_000_000
                  : random.integer(15, 1500) * 100 + 99,
              currency: store.currency,
            },
            channel: store.id === 'online' ? 'online' : 'store',
          }
        : topic === 'surveys'
          ? answerBody(random, eventId, customer, store.id, employeeId, language, consents)
          : {
              eventId,
              customer: { id: customer.id },
              storeId: store.id,
              kind: random.pick(['seen-ad', 'showed-interest', 'signed-up'] as const),
            };
    messages.push({
      topic,
      key: customer.id!,
      value: JSON.stringify({ ...body, occurredAt: at.toISOString() }),
      occurredAt: at,
      kind: 'valid',
    });
  }
  return messages;
}

function answerBody(
  random: SeededRandom,
  eventId: string,
  customer: Record<string, string>,
  storeId: string,
  employeeId: string | undefined,
  language: 'fa' | 'en',
  consents: boolean,
): Record<string, unknown> {
  const score = random.pick(random.weighted(SCORE_BANDS));
  const mood = score <= 6 ? 'unhappy' : score <= 8 ? 'neutral' : 'happy';
  return {
    eventId,
    customer,
    storeId,
    employeeId,
    score,
    channel: random.pick(['email', 'sms', 'web'] as const),
    consent: { marketing: consents },
    ...(random.chance(0.45) ? { comment: random.pick(COMMENTS[language][mood]) } : {}),
  };
}
