import type { CrossSellReportDto, CrossSellRunDto } from '#contracts';
import { MailCatcher } from '#local-stack';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  rewindInputTopics,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import pg from 'pg';
import { ladder as ladderCommand } from './support/cli.js';
import { emailsOf, issueToken, languageOf } from './support/feedback.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

interface Shopper {
  id: string;
  storeId: 'online' | 'tehran-01';
  /** One list of categories per purchase. */
  purchases: string[][];
  /** The survey answer that gives (or not) marketing consent. */
  answer?: { score: number; consent: boolean };
}

/**
 * Cross-sell offers on real services: seeded purchase histories teach a rule whose figures a hand computation
 * checks, the offer e-mail goes only to consenting, in-budget Clients and Advocates without an open case who
 * have not bought the category recently, in their language, and a later purchase of the category converts
 * the offer, once, as the API shows.
 */
describe('cross-sell offers', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let database: pg.Client;
  const catcher = new MailCatcher();
  const emails = () => catcher.fromInstance(environment.config.queuePrefix);
  let purchaseNumber = 0;

  beforeAll(async () => {
    environment = await createTestEnvironment('cross-sell', {
      LADDER_DIRECTORY: new URL('./fixtures/promoter-directory.yaml', import.meta.url).pathname,
      // The test runs it on demand; the schedule stays out of the way.
      LADDER_CROSS_SELL_EVERY: '365d',
      LADDER_CROSS_SELL_BASKETS: '2',
      LADDER_CROSS_SELL_SUPPORT: '0.1',
      LADDER_CROSS_SELL_CONFIDENCE: '0.4',
      LADDER_CROSS_SELL_LIFT: '1.1',
      LADDER_OFFER_REWARD: '700 EUR 30d',
    });
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
    database = new pg.Client({ connectionString: environment.config.databaseUrl });
    await database.connect();
  });

  afterAll(async () => {
    await database?.end();
    await ladder?.stop();
    await environment?.cleanup();
  });

  const emailOf = (id: string) => `${id}@cross-sell.test`;

  function purchase(customerId: string, storeId: string, categories: string[]) {
    purchaseNumber += 1;
    const eventId = `xs-p-${purchaseNumber}`;
    return {
      eventId,
      message: {
        key: customerId,
        value: JSON.stringify({
          eventId,
          occurredAt: new Date().toISOString(),
          customer: { id: customerId, email: emailOf(customerId) },
          storeId,
          orderId: `o-${eventId}`,
          total: { amountMinor: 10_000 * categories.length, currency: 'EUR' },
          items: categories.map((category, index) => ({
            sku: `${category}-${index}`,
            // As tills write them: any case, stray spaces.
            category: index === 0 ? ` ${category.toUpperCase()}` : category,
            quantity: 1,
            unitPriceMinor: 10_000,
          })),
        }),
      },
    };
  }

  async function runCrossSell(): Promise<NonNullable<CrossSellRunDto['result']>> {
    const queued = await callApi<CrossSellRunDto>(ladder.url, '/api/cross-sell/runs', { method: 'POST' });
    expect(queued.status).toBe(202);
    const done = await eventually(
      async () => {
        const run = await callApi<CrossSellRunDto>(ladder.url, `/api/cross-sell/runs/${queued.body.jobId}`);
        expect(run.body.state).toBe('completed');
        return run.body;
      },
      { timeoutMs: 60_000 },
    );
    expect(done.progress).toMatchObject({ percent: 100 });
    return done.result!;
  }

  const offers = async () =>
    (
      await database.query<{ customer_id: string; category: string; converting: string | null }>(
        `SELECT customer_id, category, converting_purchase_event_id AS converting FROM cross_sell_offers
          ORDER BY customer_id`,
      )
    ).rows;

  it('learns the rule a hand computation gives and offers it to consenting, in-budget Clients only; a later purchase converts it', async () => {
    const shoppers: Shopper[] = [
      // Offered: consenting Clients who bought a tv and no soundbar (one at the Persian-speaking store).
      {
        id: 'xs-ana',
        storeId: 'online',
        purchases: [['tv'], ['cable']],
        answer: { score: 8, consent: true },
      },
      {
        id: 'xs-bita',
        storeId: 'tehran-01',
        purchases: [['tv'], ['tv']],
        answer: { score: 7, consent: true },
      },
      // Not offered: no consent; an open case; the budget spent by the club's invitation; bought both recently;
      // only one purchase (a Customer, not a Client).
      {
        id: 'xs-cyrus',
        storeId: 'online',
        purchases: [['tv'], ['tv']],
        answer: { score: 8, consent: false },
      },
      { id: 'xs-dara', storeId: 'online', purchases: [['tv'], ['tv']], answer: { score: 2, consent: true } },
      {
        id: 'xs-elham',
        storeId: 'online',
        purchases: [['tv'], ['tv']],
        answer: { score: 10, consent: true },
      },
      {
        id: 'xs-farid',
        storeId: 'online',
        purchases: [['tv'], ['soundbar']],
        answer: { score: 8, consent: true },
      },
      { id: 'xs-gina', storeId: 'online', purchases: [['tv']], answer: { score: 8, consent: true } },
      // The rest of the history: one purchase each, no e-mail consent asked.
      ...[1, 2, 3, 4].map((n): Shopper => ({
        id: `xs-bg${n}`,
        storeId: 'online',
        purchases: [['tv', 'soundbar']],
      })),
      ...[5, 6].map((n): Shopper => ({ id: `xs-bg${n}`, storeId: 'online', purchases: [['soundbar']] })),
      ...[7, 8, 9].map((n): Shopper => ({
        id: `xs-bg${n}`,
        storeId: 'online',
        purchases: [['phone', 'case']],
      })),
      { id: 'xs-bg10', storeId: 'online', purchases: [['phone']] },
      { id: 'xs-bg11', storeId: 'online', purchases: [['cable']] },
    ];
    await produce(
      environment.config,
      'purchases',
      shoppers.flatMap((shopper) =>
        shopper.purchases.map((categories) => purchase(shopper.id, shopper.storeId, categories).message),
      ),
    );
    await produce(
      environment.config,
      'surveys',
      shoppers.flatMap(({ id, storeId, answer }) =>
        answer
          ? [
              {
                key: id,
                value: JSON.stringify({
                  eventId: `xs-s-${id}`,
                  occurredAt: new Date().toISOString(),
                  customer: { id, email: emailOf(id) },
                  storeId,
                  score: answer.score,
                  ...(answer.consent ? { consent: { marketing: true } } : {}),
                }),
              },
            ]
          : [],
      ),
    );
    await waitUntilSettled(environment.config);
    // Elham's 10 invited her to the club: the one marketing message of her 30 days.
    await eventually(async () =>
      expect(emailsOf(await emails(), 'loyalty-invitation', emailOf('xs-elham'))).toHaveLength(1),
    );

    // By hand, one basket per customer: tv in 11 of the 18, soundbar in 7, both in 5.
    const baskets = shoppers.map((shopper) => new Set(shopper.purchases.flat()));
    const holding = (...categories: string[]) =>
      baskets.filter((basket) => categories.every((category) => basket.has(category))).length;
    expect([baskets.length, holding('tv'), holding('soundbar'), holding('tv', 'soundbar')]).toEqual([
      18, 11, 7, 5,
    ]);
    const support = holding('tv', 'soundbar') / baskets.length;
    const confidence = holding('tv', 'soundbar') / holding('tv');
    const lift = confidence / (holding('soundbar') / baskets.length);
    expect(lift).toBeCloseTo(90 / 77, 12);

    const result = await runCrossSell();
    expect(result).toEqual({
      baskets: 18,
      rules: 4,
      // Clients and Advocates who may receive marketing: Ana, Bita, Dara, Elham, Farid.
      customers: 5,
      offered: 2,
      skipped: { 'open-case': 1, 'marketing-budget-spent': 1, 'bought-recently': 1 },
    });

    const report = await callApi<CrossSellReportDto>(ladder.url, '/api/cross-sell/rules');
    expect(report.status).toBe(200);
    expect(report.body.learning).toMatchObject({ baskets: 18, thresholds: { minCount: 2, minLift: 1.1 } });
    // Case and phone go together more strongly (lift 4.5), then soundbar and tv both ways; cable with tv
    // (one basket) is below the minimum count.
    expect(report.body.rules.map((rule) => `${rule.antecedent}→${rule.consequent}`)).toEqual([
      'case→phone',
      'phone→case',
      'soundbar→tv',
      'tv→soundbar',
    ]);
    const tvSoundbar = report.body.rules.find((rule) => rule.antecedent === 'tv')!;
    expect(tvSoundbar.counts).toEqual({ baskets: 18, antecedent: 11, consequent: 7, both: 5 });
    expect(tvSoundbar.support).toBeCloseTo(support, 12);
    expect(tvSoundbar.confidence).toBeCloseTo(confidence, 12);
    expect(tvSoundbar.lift).toBeCloseTo(lift, 12);
    expect(tvSoundbar.offers).toEqual({ made: 2, converted: 0, conversionRate: 0 });

    await waitUntilSettled(environment.config);
    const all = await eventually(async () => {
      const caught = emailsOf(await emails(), 'cross-sell-offer');
      expect(caught).toHaveLength(2);
      return caught;
    });
    const [toAna] = emailsOf(all, 'cross-sell-offer', emailOf('xs-ana'));
    const [toBita] = emailsOf(all, 'cross-sell-offer', emailOf('xs-bita'));
    expect(languageOf(toAna!)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(toAna!.subject).toBe('For you: €7.00 off soundbar');
    expect(toAna!.text).toContain('Many customers who bought tv also chose soundbar.');
    expect(toAna!.html).toContain(`${environment.config.publicUrl}/u/`);
    // Bita has no locale of her own: the Tehran store's Persian, right to left.
    expect(languageOf(toBita!)).toEqual({ lang: 'fa', dir: 'rtl' });
    expect(toBita!.text).toContain('soundbar');
    expect(await offers()).toEqual([
      { customer_id: 'xs-ana', category: 'soundbar', converting: null },
      { customer_id: 'xs-bita', category: 'soundbar', converting: null },
    ]);
    // The offer carries a member-discount voucher of the configured worth, and spends the marketing budget.
    const vouchers = await database.query<{ customer_id: string; amount_minor: string; currency: string }>(
      `SELECT customer_id, amount_minor, currency FROM rewards WHERE kind = 'offer' ORDER BY customer_id`,
    );
    expect(vouchers.rows).toEqual([
      { customer_id: 'xs-ana', amount_minor: '700', currency: 'EUR' },
      { customer_id: 'xs-bita', amount_minor: '700', currency: 'EUR' },
    ]);

    const issued = await database.query<{ customer_id: string }>(
      `SELECT customer_id FROM customer_events
        WHERE type = 'reward-issued' AND details->>'kind' = 'offer' ORDER BY customer_id`,
    );
    expect(issued.rows).toEqual([{ customer_id: 'xs-ana' }, { customer_id: 'xs-bita' }]);

    // A second run the same day offers no one anything more.
    const again = await runCrossSell();
    expect(again).toMatchObject({ offered: 0, skipped: expect.objectContaining({ 'already-offered': 2 }) });
    await waitUntilSettled(environment.config);
    expect(emailsOf(await emails(), 'cross-sell-offer')).toHaveLength(2);

    // Ana buys a soundbar (and Bita only another tv): Ana's offer converts, once, by that purchase.
    const bought = purchase('xs-ana', 'online', ['soundbar', 'cable']);
    const other = purchase('xs-bita', 'tehran-01', ['tv']);
    await produce(environment.config, 'purchases', [bought.message, other.message]);
    await eventually(async () =>
      expect(await offers()).toEqual([
        { customer_id: 'xs-ana', category: 'soundbar', converting: bought.eventId },
        { customer_id: 'xs-bita', category: 'soundbar', converting: null },
      ]),
    );
    const later = purchase('xs-ana', 'online', ['soundbar']);
    await produce(environment.config, 'purchases', [later.message]);
    await waitUntilSettled(environment.config);
    expect((await offers())[0]!.converting).toBe(bought.eventId);

    const converted = await callApi<CrossSellReportDto>(ladder.url, '/api/cross-sell/rules');
    const rule = converted.body.rules.find((candidate) => candidate.antecedent === 'tv')!;
    expect(rule.offers).toEqual({ made: 2, converted: 1, conversionRate: 0.5 });

    // A manager of the online shop sees its own offers; an agent is refused; a bad period is refused.
    const onlineManager = await issueToken(ladder.url, {
      name: 'Online',
      role: 'manager',
      storeIds: ['online'],
    });
    const scoped = await callApi<CrossSellReportDto>(ladder.url, '/api/cross-sell/rules', {
      token: onlineManager,
    });
    expect(scoped.body.rules.find((candidate) => candidate.antecedent === 'tv')!.offers).toEqual({
      made: 1,
      converted: 1,
      conversionRate: 1,
    });
    const agent = await issueToken(ladder.url, { name: 'Agent', role: 'agent', storeIds: ['online'] });
    expect((await callApi(ladder.url, '/api/cross-sell/rules', { token: agent })).status).toBe(403);
    expect(
      (await callApi(ladder.url, '/api/cross-sell/runs', { method: 'POST', token: onlineManager })).status,
    ).toBe(403);
    expect((await callApi(ladder.url, '/api/cross-sell/rules?from=2026-12-01&to=2026-11-01')).status).toBe(
      400,
    );

    // Replaying every input topic converts nothing again and offers no one anything.
    const before = await offers();
    await ladder.stop();
    await rewindInputTopics(environment.config);
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
    expect(await offers()).toEqual(before);
    expect(emailsOf(await emails(), 'cross-sell-offer')).toHaveLength(2);

    // `ladder cross-sell` does the same at the command line, and explains the rules it learned: Ana's
    // soundbar is in her basket now, so tv → soundbar holds in 6 of 11 baskets with a tv, 8 with a soundbar.
    const command = await ladderCommand(['cross-sell'], environment.env);
    expect(command.stderr).toBe('');
    expect(command.status).toBe(0);
    expect(command.stdout).toContain('Learned 4 rule(s) from 18 basket(s).');
    expect(command.stdout).toContain(
      'tv → soundbar: support 0.333, confidence 0.545, lift 1.227 (6 of 11 baskets with tv, 8 with soundbar, 18 in all)',
    );
    expect(command.stdout).toContain(
      'Offers: 0 made to 5 Client(s) and Advocate(s) who may receive marketing',
    );
  }, 240_000);
});
