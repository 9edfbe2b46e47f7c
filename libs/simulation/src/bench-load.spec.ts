import { decodeInputEvent } from '#contracts';
import { benchLoad, type BenchLoadOptions } from './bench-load.js';

const options: BenchLoadOptions = {
  seed: 11,
  events: 20_000,
  customers: 2_000,
  stores: [
    { id: 'tehran-01', locale: 'fa-IR', currency: 'IRR', employeeIds: ['e-1'], quality: 0.4, weight: 1 },
    { id: 'online', locale: 'en', currency: 'USD', employeeIds: [], quality: 0.8, weight: 1 },
  ],
  firstAt: new Date('2026-12-01T08:00:00Z'),
  intervalMs: 10,
  tag: 'spec',
};

describe('benchLoad', () => {
  const load = benchLoad(options);

  it('is the same load for the same seed, another for another', () => {
    expect(benchLoad(options)).toEqual(load);
    expect(benchLoad({ ...options, seed: 12 })).not.toEqual(load);
  });

  it('mixes 40 % purchases, 50 % answers (a quarter detractors) and 10 % leads', () => {
    const share = (topic: string) => load.filter((message) => message.topic === topic).length / load.length;
    expect(share('purchases')).toBeCloseTo(0.4, 1);
    expect(share('surveys')).toBeCloseTo(0.5, 1);
    expect(share('leads')).toBeCloseTo(0.1, 1);
    const scores = load
      .filter((message) => message.topic === 'surveys')
      .map((message) => (JSON.parse(message.value) as { score: number }).score);
    expect(scores.filter((score) => score <= 6).length / scores.length).toBeCloseTo(0.25, 1);
  });

  it('is every event valid, one id each, keyed by customer, at a steady pace', () => {
    const ids = new Set<string>();
    for (const [index, message] of load.entries()) {
      const decoded = decodeInputEvent(message.topic, Buffer.from(message.value));
      expect(decoded.ok).toBe(true);
      const event = JSON.parse(message.value) as { eventId: string; customer: { id: string } };
      ids.add(event.eventId);
      expect(message.key).toBe(event.customer.id);
      expect(message.occurredAt.getTime()).toBe(options.firstAt.getTime() + index * options.intervalMs);
    }
    expect(ids.size).toBe(load.length);
    expect(new Set(load.map((message) => message.key)).size).toBeGreaterThan(1_900);
  });
});
