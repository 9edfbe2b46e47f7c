import { DAY_MS, deriveCustomerState, type CustomerFact, type CustomerModelRules } from '#domain';
import { TransactionalOutbox } from '#outbox';
import { CustomerFactRepository, RfmBoundaryRepository } from '#persistence';
import { type TestEnvironment, createTestEnvironment, createTopics, startLibrary } from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { CustomerModelModule } from './customer-model.module.js';
import { CUSTOMER_MODEL_RULES } from './customer-model.rules.js';
import { CustomerModelService, type RefreshResult } from './customer-model.service.js';

const start = Date.parse('2026-01-01T00:00:00Z');
const day = (n: number) => new Date(start + n * DAY_MS);

describe('customer states kept as tallies against PostgreSQL', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let database: DataSource;
  let model: CustomerModelService;
  let rules: CustomerModelRules;
  let run = 0;

  beforeAll(async () => {
    environment = await createTestEnvironment('tally');
    // Moves go out on customer-events through the outbox.
    await createTopics(environment.config);
    module = await startLibrary(environment.config, CustomerModelModule);
    database = module.get(DataSource);
    model = module.get(CustomerModelService);
    rules = module.get(CUSTOMER_MODEL_RULES);
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  /** Stores the facts as scoring stores them (the columns the customer model reads). */
  async function store(facts: Array<CustomerFact & { customerId: string }>): Promise<void> {
    for (const fact of facts) {
      if (fact.kind === 'purchase') {
        await database.query(
          `INSERT INTO purchases (event_id, customer_id, store_id, order_id, amount_minor, currency, occurred_at,
                                  source_partition, source_offset) VALUES ($1, $2, $3, $1, $4, $5, $6, 0, 0)`,
          [fact.id, fact.customerId, fact.storeId, fact.amountMinor, fact.currency, fact.at],
        );
      } else if (fact.kind === 'answer') {
        await database.query(
          `INSERT INTO survey_answers (event_id, customer_id, store_id, score, classification, occurred_at,
                                       local_day, source_partition, source_offset)
           VALUES ($1, $2, $3, $4, 'passive', $5::timestamptz, $5::timestamptz::date, 0, 0)`,
          [fact.id, fact.customerId, fact.storeId, fact.score, fact.at],
        );
      } else if (fact.kind === 'lead') {
        await database.query(
          `INSERT INTO leads (event_id, customer_id, store_id, kind, occurred_at, source_partition, source_offset)
           VALUES ($1, $2, $3, $4, $5, 0, 0)`,
          [fact.id, fact.customerId, fact.storeId, fact.leadKind, fact.at],
        );
      }
    }
  }

  async function refresh(
    customerIds: string[],
    now: Date,
    newFacts: Array<CustomerFact & { customerId: string }>,
  ): Promise<RefreshResult> {
    const earliest = new Map<string, Date>();
    for (const fact of newFacts) {
      const known = earliest.get(fact.customerId);
      if (!known || fact.at < known) earliest.set(fact.customerId, fact.at);
    }
    return module
      .get(TransactionalOutbox)
      .run((transaction) => model.refresh(transaction, customerIds, now, earliest));
  }

  const factArbitrary = fc.record({
    customer: fc.integer({ min: 0, max: 2 }),
    at: fc.noBias(fc.integer({ min: 0, max: 400 })),
    storeId: fc.constantFrom('north', 'south', 'online'),
    fact: fc.oneof(
      fc.record({
        kind: fc.constant('lead' as const),
        leadKind: fc.constantFrom('seen-ad' as const, 'showed-interest' as const, 'signed-up' as const),
      }),
      fc.record({
        kind: fc.constant('purchase' as const),
        amountMinor: fc.integer({ min: 0, max: 100_000 }),
        currency: fc.constantFrom('USD', 'EUR'),
      }),
      fc.record({ kind: fc.constant('answer' as const), score: fc.integer({ min: 0, max: 10 }) }),
    ),
  });

  it('derives, batch after batch and whatever order facts arrive in, the state every fact gives', async () => {
    let rebuilt = 0;
    let refreshed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(factArbitrary, { minLength: 1, maxLength: 30 }),
        fc.array(fc.noBias(fc.integer({ min: 0, max: 30 })), { maxLength: 7 }),
        // The clock of each batch; the last one is after every fact, so all of them are folded in the end.
        fc.array(fc.noBias(fc.integer({ min: 0, max: 420 })), { minLength: 7, maxLength: 7 }),
        fc.boolean(),
        async (drawn, cuts, clocks, inOrder) => {
          run += 1;
          const ids = [0, 1, 2].map((index) => `tally-${run}-${index}`);
          const facts = drawn.map(
            ({ customer, at, storeId, fact }, index) =>
              ({
                ...fact,
                referred: false,
                id: `e-${run}-${index}`,
                customerId: ids[customer]!,
                at: day(at),
                storeId,
              }) as CustomerFact & { customerId: string },
          );
          // Half the runs arrive in the order things happened; the others as drawn, with late facts.
          if (inOrder) facts.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1));
          const ends = [...new Set([...cuts.filter((cut) => cut <= facts.length), facts.length])].sort(
            (a, b) => a - b,
          );
          const nows = [...clocks.sort((a, b) => a - b).slice(0, ends.length - 1), 420].map(day);
          let stored = 0;
          for (const [index, end] of ends.entries()) {
            const batch = facts.slice(stored, end);
            stored = end;
            await store(batch);
            const now = nows[index]!;
            // Every customer, those without new facts too (time alone moves them).
            const result = await refresh(ids, now, batch);
            rebuilt += result.rebuilt;
            refreshed += ids.length;
            const boundaries = await module.get(RfmBoundaryRepository).loadBoundaries(database.manager);
            for (const id of ids) {
              const known = facts.slice(0, stored).filter((fact) => fact.customerId === id);
              expect(result.states.get(id)).toEqual(deriveCustomerState(known, rules, boundaries, now));
            }
          }
        },
      ),
      { numRuns: 150, endOnFailure: true },
    );
    // Both ways were taken: going on from the tally, and deriving again after a late fact.
    expect(rebuilt).toBeGreaterThan(0);
    expect(rebuilt).toBeLessThan(refreshed);
  });

  it('derives the state again from every fact when one arrives after later ones', async () => {
    const id = 'tally-late';
    const purchase = (eventId: string, at: number) =>
      ({
        kind: 'purchase',
        id: eventId,
        customerId: id,
        at: day(at),
        storeId: 'north',
        amountMinor: 1000,
        currency: 'EUR',
        referred: false,
      }) as CustomerFact & { customerId: string };
    const first = [purchase('late-1', 100)];
    await store(first);
    expect((await refresh([id], day(110), first)).states.get(id)).toMatchObject({ stage: 'customer' });
    // A purchase from before the one already folded, within the repeat window: a Client since day 100.
    const late = [purchase('late-0', 90)];
    await store(late);
    const result = await refresh([id], day(111), late);
    expect(result.rebuilt).toBe(1);
    expect(result.states.get(id)).toMatchObject({
      stage: 'client',
      purchaseCount: 2,
      firstPurchaseAt: day(90),
      lastPurchaseAt: day(100),
    });
  });

  it("reads only a heavy customer's new facts, not their 20,000 earlier answers", async () => {
    const guest = 'tally-guest';
    await database.query(
      `INSERT INTO survey_answers (event_id, customer_id, store_id, score, classification, occurred_at, local_day,
                                   source_partition, source_offset)
       SELECT 'guest-' || n, $1, 'online', n % 11, 'passive', $2::timestamptz + n * interval '1 minute',
              ($2::timestamptz + n * interval '1 minute')::date, 0, 0
         FROM generate_series(1, 20000) AS n`,
      [guest, day(0)],
    );
    await database.query(
      `INSERT INTO purchases (event_id, customer_id, store_id, order_id, amount_minor, currency, occurred_at,
                              source_partition, source_offset)
       SELECT 'guest-p' || n, $1, 'online', 'guest-p' || n, 1000, 'EUR', $2::timestamptz + n * interval '1 day', 0, 0
         FROM generate_series(1, 40) AS n`,
      [guest, day(0)],
    );
    const first = await refresh([guest], day(60), []);
    expect(first).toMatchObject({ rebuilt: 1, factsRead: 20_040 });

    const answer = {
      kind: 'answer',
      id: 'guest-new',
      customerId: guest,
      at: day(61),
      storeId: 'north',
      score: 2,
    };
    const purchase = {
      kind: 'purchase',
      id: 'guest-new-p',
      customerId: guest,
      at: day(61),
      storeId: 'north',
      amountMinor: 2500,
      currency: 'EUR',
      referred: false,
    };
    const batch = [answer, purchase] as Array<CustomerFact & { customerId: string }>;
    await store(batch);
    const next = await refresh([guest], day(62), batch);
    // The two new facts, and the last one folded (read again, as facts of its instant may follow it).
    expect(next).toMatchObject({ rebuilt: 0, factsRead: 3 });

    const all = await module
      .get(CustomerFactRepository)
      .loadFacts(database.manager, new Map([[guest, null]]));
    const boundaries = await module.get(RfmBoundaryRepository).loadBoundaries(database.manager);
    const expected = deriveCustomerState(all.get(guest)!, rules, boundaries, day(62));
    expect(next.states.get(guest)).toEqual(expected);
    expect(expected).toMatchObject({ purchaseCount: 41, lastScore: 2, valueMinor: { EUR: 42_500 } });
  });
});
