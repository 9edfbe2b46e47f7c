import type { InputTopic } from '#contracts';
import { basketOf, interestOf } from './basket.js';
import { COMMENTS, FIRST_NAMES } from './comments.js';
import { SeededRandom } from './random.js';

export interface SimulatedStore {
  id: string;
  locale: string;
  currency: string;
  employeeIds: string[];
  /** How good the store is at its job, 0–1: shifts its scores up or down. */
  quality: number;
  /** The store's share of customers, relative to the others. */
  weight: number;
}

export interface SimulationOptions {
  seed: number;
  customers: number;
  /** Traffic spreads over this many days before `until`. */
  days: number;
  until: Date;
  stores: SimulatedStore[];
  /** Share of messages that break the contract (to show the dead-letter topic). */
  invalidShare: number;
  /** Share of messages delivered twice (to show that repeats change nothing). */
  duplicateShare: number;
}

export interface SimulatedMessage {
  topic: InputTopic;
  key: string;
  /** The JSON text (or, for a broken message, whatever bytes a broken producer sends). */
  value: string;
  occurredAt: Date;
  kind: 'valid' | 'invalid' | 'duplicate';
}

type Persona = 'loyal' | 'regular' | 'occasional';

const PERSONA_PURCHASE_INTERVAL_DAYS: Record<Persona, number> = { loyal: 9, regular: 24, occasional: 80 };
const PERSONA_SCORE_SHIFT: Record<Persona, number> = { loyal: 1.2, regular: 0, occasional: -0.6 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Realistic traffic for the demo and the benchmark: customers with a home store and a buying rhythm, who
 * sometimes answer the survey after a purchase (better stores and loyal customers score higher), with
 * comments in the store's language, a few leads, a sprinkle of broken messages and repeated deliveries.
 * Deterministic for a seed. Messages come out in time order, keyed by customer id.
 */
export function simulateTraffic(options: SimulationOptions): SimulatedMessage[] {
  const random = new SeededRandom(options.seed);
  const start = options.until.getTime() - options.days * DAY;
  const valid: SimulatedMessage[] = [];
  let sequence = 0;
  const nextId = (prefix: string) =>
    `${prefix}-${options.seed}-${(sequence++).toString(36).padStart(6, '0')}`;

  for (let index = 0; index < options.customers; index += 1) {
    const store = random.weighted(options.stores.map((candidate) => [candidate, candidate.weight] as const));
    const language = store.locale.startsWith('fa') ? 'fa' : 'en';
    const persona = random.weighted<Persona>([
      ['loyal', 0.2],
      ['regular', 0.45],
      ['occasional', 0.35],
    ]);
    const customerId = `c-${options.seed}-${index.toString().padStart(5, '0')}`;
    const name = random.pick(FIRST_NAMES[language]);
    const customer: Record<string, string> = { id: customerId, name, locale: store.locale };
    if (random.chance(0.75)) customer.email = `${customerId}@example.com`;
    if (random.chance(0.5)) customer.phone = `+98912${random.integer(1_000_000, 9_999_999)}`;
    const consents = random.chance(0.6);

    let time = start + random.next() * options.days * DAY * 0.5;
    if (random.chance(0.25)) {
      valid.push(
        message('leads', customerId, time - random.integer(1, 10) * DAY, {
          eventId: nextId('l'),
          customer: { id: customerId },
          storeId: store.id,
          kind: random.pick(['seen-ad', 'showed-interest', 'signed-up'] as const),
        }),
      );
    }
    const interest = interestOf(options.seed, customerId);
    let firstPurchase = true;
    while (time < options.until.getTime()) {
      const employeeId = store.employeeIds.length ? random.pick(store.employeeIds) : undefined;
      const orderId = nextId('o');
      const amountMinor =
        store.currency === 'IRR' ? random.integer(5, 400) * 1_000_000 : random.integer(15, 1500) * 100 + 99;
      valid.push(
        message('purchases', customerId, time, {
          eventId: nextId('p'),
          customer,
          storeId: store.id,
          employeeId,
          orderId,
          total: { amountMinor, currency: store.currency },
          items: basketOf(options.seed, orderId, interest, firstPurchase, amountMinor),
          channel: store.id === 'online' ? 'online' : 'store',
        }),
      );
      firstPurchase = false;
      if (random.chance(0.5)) {
        const answeredAt = time + random.integer(1, 48) * HOUR;
        if (answeredAt < options.until.getTime()) {
          const score = simulatedScore(random, store.quality, PERSONA_SCORE_SHIFT[persona]);
          const mood = score <= 6 ? 'unhappy' : score <= 8 ? 'neutral' : 'happy';
          const answer: Record<string, unknown> = {
            eventId: nextId('s'),
            customer,
            storeId: store.id,
            employeeId,
            orderId,
            score: language === 'fa' && random.chance(0.15) ? toPersianDigits(score) : score,
            channel: random.pick(['email', 'sms', 'web'] as const),
            consent: { marketing: consents },
          };
          if (random.chance(0.45)) answer.comment = random.pick(COMMENTS[language][mood]);
          valid.push(message('surveys', customerId, answeredAt, answer));
        }
      }
      time += Math.max(HOUR, random.exponential(PERSONA_PURCHASE_INTERVAL_DAYS[persona] * DAY));
      if (persona === 'occasional' && random.chance(0.7)) break;
    }
  }

  valid.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const output: SimulatedMessage[] = [];
  for (const item of valid) {
    output.push(item);
    if (random.chance(options.duplicateShare)) output.push({ ...item, kind: 'duplicate' });
    if (random.chance(options.invalidShare)) output.push(brokenMessage(random, item, nextId('x')));
  }
  return output;
}

function message(
  topic: InputTopic,
  key: string,
  at: number,
  body: Record<string, unknown>,
): SimulatedMessage {
  const occurredAt = new Date(at);
  return {
    topic,
    key,
    value: JSON.stringify({ ...body, occurredAt: occurredAt.toISOString() }),
    occurredAt,
    kind: 'valid',
  };
}

/** 0–10, centred around 8 for an average store; better stores and loyal customers score higher. */
function simulatedScore(random: SeededRandom, quality: number, shift: number): number {
  const mean = 5.5 + quality * 4 + shift;
  const noisy = mean + (random.next() + random.next() + random.next() - 1.5) * 4;
  return Math.max(0, Math.min(10, Math.round(noisy)));
}

function toPersianDigits(score: number): string {
  return String(score).replace(/[0-9]/g, (digit) => String.fromCodePoint(0x06f0 + Number(digit)));
}

/** The mistakes real producers make: an out-of-range value, a missing customer, text that is not JSON. */
function brokenMessage(random: SeededRandom, template: SimulatedMessage, eventId: string): SimulatedMessage {
  const body = JSON.parse(template.value) as Record<string, unknown>;
  const outOfRange =
    template.topic === 'surveys'
      ? { score: 11 }
      : template.topic === 'purchases'
        ? { total: { amountMinor: -5, currency: 'IRR' } }
        : { kind: 'bought-a-car' };
  const broken = random.pick([
    () => JSON.stringify({ ...body, eventId, ...outOfRange }),
    () => JSON.stringify({ ...body, eventId, customer: {} }),
    () => JSON.stringify({ ...body, eventId, occurredAt: 'yesterday' }),
    () => `${JSON.stringify({ ...body, eventId }).slice(0, 40)}`,
  ])();
  return { ...template, value: broken, kind: 'invalid' };
}
