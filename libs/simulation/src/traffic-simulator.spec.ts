import { decodeInputEvent } from '#contracts';
import { simulateTraffic, type SimulationOptions } from './traffic-simulator.js';

const options: SimulationOptions = {
  seed: 7,
  customers: 300,
  days: 30,
  until: new Date('2026-11-20T12:00:00Z'),
  stores: [
    { id: 'tehran-01', locale: 'fa-IR', currency: 'IRR', employeeIds: ['e-1'], quality: 0.4, weight: 1 },
    { id: 'online', locale: 'en', currency: 'USD', employeeIds: [], quality: 0.8, weight: 1 },
  ],
  invalidShare: 0.02,
  duplicateShare: 0.02,
};

describe('simulateTraffic', () => {
  const messages = simulateTraffic(options);

  it('is the same traffic for the same seed', () => {
    expect(simulateTraffic(options)).toEqual(messages);
    expect(simulateTraffic({ ...options, seed: 8 })).not.toEqual(messages);
  });

  it('produces purchases, answers and leads in time order, keyed by customer', () => {
    for (const topic of ['purchases', 'surveys', 'leads'] as const) {
      expect(messages.filter((message) => message.topic === topic).length).toBeGreaterThan(10);
    }
    const times = messages.map((message) => message.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const message of messages.filter((item) => item.kind === 'valid')) {
      expect((JSON.parse(message.value) as { customer: { id: string } }).customer.id).toBe(message.key);
    }
  });

  it('keeps to the contract except for the messages meant to break it', () => {
    for (const message of messages) {
      const result = decodeInputEvent(message.topic, Buffer.from(message.value, 'utf8'));
      expect(result.ok).toBe(message.kind !== 'invalid');
    }
  });

  it('fills baskets whose categories go together, as an electronics shop sees them', () => {
    const baskets = new Map<string, Set<string>>();
    for (const message of messages.filter((item) => item.kind === 'valid' && item.topic === 'purchases')) {
      const body = JSON.parse(message.value) as {
        total: { amountMinor: number };
        items: Array<{ category: string; unitPriceMinor: number }>;
      };
      expect(body.items.reduce((sum, item) => sum + item.unitPriceMinor, 0)).toBe(body.total.amountMinor);
      const basket = baskets.get(message.key) ?? new Set<string>();
      for (const item of body.items) basket.add(item.category);
      baskets.set(message.key, basket);
    }
    const share = (category: string, given: string) => {
      const holding = [...baskets.values()].filter((basket) => basket.has(given));
      return holding.filter((basket) => basket.has(category)).length / holding.length;
    };
    const everyone = (category: string) =>
      [...baskets.values()].filter((basket) => basket.has(category)).length / baskets.size;
    // A phone buyer is far likelier than anyone to buy a case: a rule with a lift well above 1.
    expect(share('phone-case', 'phone') / everyone('phone-case')).toBeGreaterThan(1.5);
  });

  it('repeats some deliveries with the same eventId', () => {
    const duplicates = messages.filter((message) => message.kind === 'duplicate');
    expect(duplicates.length).toBeGreaterThan(0);
    for (const duplicate of duplicates) {
      expect(messages.filter((message) => message.value === duplicate.value).length).toBe(2);
    }
  });
});
