import { associationRules, rulesFromCounts, type RuleThresholds } from '#domain';
import { CrossSellRuleRepository } from '#persistence';
import { createTestEnvironment, startLibrary, type TestEnvironment } from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CrossSellConversions } from './cross-sell-conversion.service.js';
import { CrossSellService } from './cross-sell.service.js';
import { LoyaltyModule } from './loyalty.module.js';

const DAY = 86_400_000;
const ANY: RuleThresholds = { minSupport: 0, minConfidence: 0, minLift: 0, minCount: 1 };

interface Line {
  customerId: string;
  daysAgo: number;
  categories: Array<string | null>;
  refunded: boolean;
}

/** What PostgreSQL counts for the rules and the conversions, against the domain's own arithmetic. */
describe('cross-sell rules and conversions in PostgreSQL', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let database: DataSource;
  let purchaseNumber = 0;

  beforeAll(async () => {
    environment = await createTestEnvironment('cross-sell-sql');
    module = await startLibrary(environment.config, LoyaltyModule);
    database = module.get(DataSource);
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  async function storePurchase(line: Line, now: Date): Promise<string> {
    purchaseNumber += 1;
    const eventId = `xs-sql-${purchaseNumber}`;
    await database.query(
      `INSERT INTO purchases (event_id, customer_id, store_id, order_id, amount_minor, currency, items, occurred_at,
                              source_partition, source_offset)
       VALUES ($1, $2, 'online', $1, 1000, 'EUR', $3, $4, 0, 0)`,
      [
        eventId,
        line.customerId,
        JSON.stringify(
          line.categories.map((category, index) => ({
            sku: `sku-${index}`,
            ...(category === null ? {} : { category }),
            quantity: 1,
            unitPriceMinor: 1000,
          })),
        ),
        new Date(now.getTime() - line.daysAgo * DAY),
      ],
    );
    if (line.refunded)
      await database.query(
        `INSERT INTO refunds (event_id, customer_id, store_id, refund_of, amount_minor, currency, occurred_at,
                              source_partition, source_offset)
         VALUES ($1, $2, 'online', $3, 1000, 'EUR', $4, 0, 0)`,
        [`r-${eventId}`, line.customerId, eventId, now],
      );
    return eventId;
  }

  const lineArbitrary = fc.record({
    customerId: fc.constantFrom('c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7', 'c-8'),
    // The learning window is 365 days: some lines fall outside it.
    daysAgo: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(365)),
    categories: fc.array(
      fc.option(fc.constantFrom('tv', 'TV ', 'soundbar', 'cable', 'phone', ' '), { nil: null }),
      {
        maxLength: 4,
      },
    ),
    refunded: fc.boolean(),
  });

  it('counts baskets and pairs as the domain does: the learning window, refunds and category spelling', async () => {
    const service = module.get(CrossSellService);
    const rules = module.get(CrossSellRuleRepository);
    await fc.assert(
      fc.asyncProperty(fc.array(lineArbitrary, { maxLength: 30 }), async (lines) => {
        await database.query('DELETE FROM refunds');
        await database.query('DELETE FROM purchases');
        const now = new Date();
        for (const line of lines) await storePurchase(line, now);
        const baskets = new Map<string, string[]>();
        for (const line of lines) {
          if (line.refunded || line.daysAgo > 365) continue;
          const basket = baskets.get(line.customerId) ?? [];
          basket.push(...line.categories.flatMap((category) => category ?? []));
          baskets.set(line.customerId, basket);
        }
        const counts = await rules.basketCounts(
          database.manager,
          { from: new Date(now.getTime() - 365 * DAY), to: new Date(now.getTime() + 1) },
          1,
        );
        expect(rulesFromCounts(counts, ANY)).toEqual(associationRules([...baskets.values()], ANY));
        // The learning stores exactly those rules (with the configured thresholds), replacing the last.
        const { rules: stored } = await service.learn(new Date(now.getTime() + 1));
        expect((await rules.current(database.manager))!.rules).toEqual(stored);
      }),
      { numRuns: 25 },
    );
  });

  it('converts an offer by the earliest later purchase of its category before the voucher expires, once', async () => {
    const now = new Date();
    const offerId = randomUUID();
    await database.query(
      `INSERT INTO cross_sell_offers (id, customer_id, store_id, antecedent, category, learning_id, confidence, lift,
              period_start, reward_id, notification_key, offered_at, expires_at)
       VALUES ($1, 'k-1', 'online', 'tv', 'soundbar', $2, 0.5, 1.5, $3, $2, 'cross-sell-offer:k-1', $4, $5)`,
      [
        offerId,
        randomUUID(),
        new Date(0),
        new Date(now.getTime() - 10 * DAY),
        new Date(now.getTime() + 10 * DAY),
      ],
    );
    const conversions = module.get(CrossSellConversions);
    const converting = () =>
      database
        .query('SELECT converting_purchase_event_id AS id FROM cross_sell_offers WHERE id = $1', [offerId])
        .then((found: Array<{ id: string | null }>) => found[0]!.id);
    // Before the offer, another category, and a refunded purchase convert nothing.
    await storePurchase({ customerId: 'k-1', daysAgo: 11, categories: ['soundbar'], refunded: false }, now);
    await storePurchase({ customerId: 'k-1', daysAgo: 5, categories: ['cable'], refunded: false }, now);
    await storePurchase({ customerId: 'k-1', daysAgo: 4, categories: ['Soundbar'], refunded: true }, now);
    expect(await conversions.recordConversions(database.manager, ['k-1'])).toBe(0);
    expect(await converting()).toBeNull();
    // Two later purchases of the category: the earlier converts the offer, and nothing converts it again.
    const later = await storePurchase(
      { customerId: 'k-1', daysAgo: 1, categories: ['soundbar'], refunded: false },
      now,
    );
    const earlier = await storePurchase(
      { customerId: 'k-1', daysAgo: 3, categories: ['cable', ' SOUNDBAR'], refunded: false },
      now,
    );
    expect(later).not.toBe(earlier);
    expect(await conversions.recordConversions(database.manager, ['k-1', 'k-2'])).toBe(1);
    expect(await converting()).toBe(earlier);
    expect(await conversions.recordConversions(database.manager, ['k-1'])).toBe(0);
    expect(await converting()).toBe(earlier);
  });
});
