import type {
  CustomerDto,
  CustomerEventMessage,
  FeedbackEvent,
  LadderReportDto,
  NpsReportDto,
  RecomputeJobDto,
  SegmentsReportDto,
} from '#contracts';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  readWholeTopic,
  topicMessageCount,
  waitUntilSettled,
  type TestEnvironment,
  rewindInputTopics,
} from '#testing';
import { startLadder, type RunningLadder } from './support/ladder.js';

/** The shrunk windows that let time move customers within seconds. */
const WINDOWS = {
  LADDER_CLIENT_REPEAT_WINDOW: '1h',
  LADDER_CLIENT_LAPSE_WINDOW: '20s',
  LADDER_CUSTOMER_REVIEW_EVERY: '1s',
};

describe('the customer model, end to end', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  const started = Date.now();
  const at = (offsetMs: number) => new Date(started + offsetMs).toISOString();
  const customer = (id: string) => ({ id, email: `${id}@example.com`, name: 'Sara' });

  /** The customer's events on customer-events.v1, as an outside consumer reads them. */
  async function publishedEvents(
    customerId: string,
    type: CustomerEventMessage['type'],
  ): Promise<CustomerEventMessage[]> {
    return (await readWholeTopic(environment.config, 'customer-events'))
      .map((message) => JSON.parse(message.value!.toString('utf8')) as CustomerEventMessage)
      .filter((event) => event.customerId === customerId && event.type === type);
  }

  beforeAll(async () => {
    environment = await createTestEnvironment('customers', WINDOWS);
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  it('drives a customer up every rung and back down, each move once', async () => {
    const id = 'c-climber';
    const lead = (eventId: string, offset: number, kind: string) => ({
      topic: 'leads' as const,
      value: { eventId, occurredAt: at(offset), customer: { id }, storeId: 'online', kind },
    });
    const purchase = (eventId: string, offset: number) => ({
      topic: 'purchases' as const,
      value: {
        eventId,
        occurredAt: at(offset),
        customer: customer(id),
        storeId: 'online',
        orderId: `o-${eventId}`,
        total: { amountMinor: 25_000, currency: 'USD' },
      },
    });
    const answer = (eventId: string, offset: number, score: number) => ({
      topic: 'surveys' as const,
      value: {
        eventId,
        occurredAt: at(offset),
        customer: customer(id),
        storeId: 'online',
        score,
        consent: { marketing: true },
        comment:
          score >= 9
            ? 'Chris was wonderful and really helpful.'
            : 'The TV arrived broken and nobody answers the phone.',
      },
    });
    // A customer's life, one event after the other, as it happens over weeks (here over seconds).
    for (const step of [
      lead('l-1', -6_000, 'seen-ad'),
      lead('l-2', -5_000, 'signed-up'),
      purchase('p-1', -4_000),
      purchase('p-2', -3_000),
      answer('s-1', -2_000, 10),
      answer('s-2', -1_000, 3),
    ]) {
      await produce(environment.config, step.topic, [{ key: id, value: JSON.stringify(step.value) }]);
      await waitUntilSettled(environment.config);
    }

    const climbed = await callApi<CustomerDto>(ladder.url, `/api/customers/${id}`);
    expect(climbed.body).toMatchObject({
      stage: 'client',
      homeStoreId: 'online',
      valueMinor: { USD: 50_000 },
      lastScore: 3,
    });
    // The promoter answer invited them: one marketing message spent from their budget.
    expect(climbed.body.contactBudget.marketing.used).toBe(1);

    // 20 s after the last purchase, with no purchase since, time alone drops the Client to Customer.
    const fallen = await eventually(
      async () => {
        const profile = await callApi<CustomerDto>(ladder.url, `/api/customers/${id}`);
        expect(profile.body.stage).toBe('customer');
        return profile.body;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const moves = fallen.history.filter((item) => item.type === 'stage-changed').reverse();
    const expectedMoves = [
      [null, 'suspect', 'seen-ad'],
      ['suspect', 'prospect', 'signed-up'],
      ['prospect', 'customer', 'first-purchase'],
      ['customer', 'client', 'repeat-purchase'],
      ['client', 'advocate', 'promoter-answer'],
      ['advocate', 'client', 'detractor-answer'],
      ['client', 'customer', 'no-purchase-within-window'],
    ];
    expect(
      moves.map((move) => (move.type === 'stage-changed' ? [move.from, move.to, move.reason] : [])),
    ).toEqual(expectedMoves);

    const published = await eventually(async () => {
      const events = await publishedEvents(id, 'stage-changed');
      expect(events).toHaveLength(expectedMoves.length);
      return events;
    });
    expect(published.map((event) => (event.type === 'stage-changed' ? [event.from, event.to] : []))).toEqual(
      expectedMoves.map(([from, to]) => [from, to]),
    );
    expect(new Set(published.map((event) => event.eventId)).size).toBe(expectedMoves.length);
    // A fall by time takes effect when the window ran out: 20 s after the last purchase.
    expect(Date.parse(published[6]!.occurredAt)).toBe(Date.parse(at(-3_000)) + 20_000);
  });

  it('flags a customer whose purchase rhythm broke, with the reason, on the profile and the topic', async () => {
    const id = 'c-regular';
    const now = Date.now();
    await produce(
      environment.config,
      'purchases',
      [0, 1, 2, 3].map((index) => ({
        key: id,
        value: JSON.stringify({
          eventId: `p-regular-${index}`,
          occurredAt: new Date(now - 8_000 + index * 2_000).toISOString(),
          customer: { id },
          storeId: 'online',
          orderId: `o-regular-${index}`,
          total: { amountMinor: 1_000, currency: 'USD' },
        }),
      })),
    );
    // Usually every 2 s; late after twice that with no purchase.
    const profile = await eventually(
      async () => {
        const response = await callApi<CustomerDto>(ladder.url, `/api/customers/${id}`);
        expect(response.body.churnRisk.level).toBe('watch');
        return response.body;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(profile.churnRisk.reasons).toEqual([
      expect.objectContaining({ code: 'rhythm-broken', usualIntervalDays: 0 }),
    ]);
    expect(profile.purchases.usualIntervalDays).toBeCloseTo(2_000 / 86_400_000, 8);
    expect(profile.history.filter((item) => item.type === 'churn-risk-changed')).toEqual([
      expect.objectContaining({
        level: 'watch',
        reasons: [expect.objectContaining({ code: 'rhythm-broken' })],
      }),
    ]);
    await eventually(async () => {
      expect(await publishedEvents(id, 'churn-risk-changed')).toEqual([
        expect.objectContaining({
          level: 'watch',
          previousLevel: 'none',
          reasons: [expect.objectContaining({ code: 'rhythm-broken' })],
        }),
      ]);
    });
  });

  it('counts customers per rung and the moves between rungs', async () => {
    const { body } = await callApi<LadderReportDto>(ladder.url, '/api/ladder?storeId=online');
    expect(body.stages.map((stage) => stage.stage)).toEqual([
      'suspect',
      'prospect',
      'customer',
      'client',
      'advocate',
    ]);
    // The climber is back to Customer; the regular is a Client or, once their 20 s ran out, a Customer too.
    expect(body.stages.reduce((sum, stage) => sum + stage.customers, 0)).toBe(2);
    expect(body.stages.find((stage) => stage.stage === 'customer')!.customers).toBeGreaterThanOrEqual(1);
    expect(body.moves).toEqual(
      expect.arrayContaining([
        { from: null, to: 'suspect', moves: 1 },
        { from: 'suspect', to: 'prospect', moves: 1 },
        { from: 'client', to: 'advocate', moves: 1 },
        { from: 'advocate', to: 'client', moves: 1 },
      ]),
    );
    expect(
      body.moves.find((move) => move.from === 'client' && move.to === 'customer')!.moves,
    ).toBeGreaterThanOrEqual(1);
    const period = await callApi<LadderReportDto>(
      ladder.url,
      `/api/ladder?storeId=online&from=${encodeURIComponent(at(-2_500))}&to=${encodeURIComponent(at(-500))}`,
    );
    expect(period.body.moves).toEqual([
      { from: 'advocate', to: 'client', moves: 1 },
      { from: 'client', to: 'advocate', moves: 1 },
    ]);
    // Days work as well as instants, read in the store's time zone (an unknown store's is Ladder's default,
    // UTC here), `to` the whole day; the answer says the instants it counted.
    const byDays = await callApi<LadderReportDto>(
      ladder.url,
      '/api/ladder?storeId=online&from=2000-01-01&to=2100-12-31',
    );
    expect(byDays.status).toBe(200);
    expect(byDays.body).toMatchObject({ from: '2000-01-01T00:00:00.000Z', to: '2101-01-01T00:00:00.000Z' });
    expect(byDays.body.moves).toEqual(body.moves);
    const impossible = await callApi(ladder.url, '/api/ladder?from=2026-02-31');
    expect(impossible.status).toBe(400);
  });

  it('recomputes RFM segments on demand, showing its progress', async () => {
    const requested = await callApi<RecomputeJobDto>(ladder.url, '/api/segments/recompute', {
      method: 'POST',
    });
    expect(requested.status).toBe(202);
    const done = await eventually(async () => {
      const job = await callApi<RecomputeJobDto>(
        ladder.url,
        `/api/segments/recompute/${requested.body.jobId}`,
      );
      expect(job.body.state).toBe('completed');
      return job.body;
    });
    expect(done.progress).toMatchObject({ percent: 100 });
    expect(done.result?.customers).toBeGreaterThanOrEqual(2);
    const { body } = await callApi<SegmentsReportDto>(ladder.url, '/api/segments?storeId=online');
    expect(body.computedAt).not.toBeNull();
    expect(body.customers).toBe(2);
    expect(body.segments.reduce((sum, segment) => sum + segment.customers, 0)).toBe(2);
    expect(body.lastRecompute?.jobId).toBe(requested.body.jobId);
  });

  it('triages comments: themes on the profile and feedback.v1, junk kept in NPS but out of leaderboards', async () => {
    const given = Date.now();
    const minutesAgo = (minutes: number) => new Date(given - minutes * 60_000).toISOString();
    const answer = (
      eventId: string,
      customerId: string,
      score: number,
      comment: string,
      minutes: number,
    ) => ({
      key: customerId,
      value: JSON.stringify({
        eventId,
        occurredAt: minutesAgo(minutes),
        customer: { id: customerId },
        storeId: 'kiosk-7',
        employeeId: 'e-9',
        score,
        comment,
      }),
    });
    await produce(environment.config, 'surveys', [
      answer('s-real', 'c-real', 3, 'چهل دقیقه منتظر ماندم و فروشنده هم بی‌ادب بود.', 10),
      answer('s-junk', 'c-junk', 10, 'asdfghjkl qwertyuiop zxcvbnm', 5),
    ]);
    await waitUntilSettled(environment.config);
    const real = await callApi<CustomerDto>(ladder.url, '/api/customers/c-real');
    expect(real.body.history.find((item) => item.type === 'answer')).toMatchObject({
      themes: ['staff', 'wait-time'],
      quality: 'ok',
    });
    const feedback = (await readWholeTopic(environment.config, 'feedback'))
      .map((message) => JSON.parse(message.value!.toString('utf8')) as FeedbackEvent)
      .filter((event) => event.storeId === 'kiosk-7');
    expect(feedback.find((event) => event.eventId === 's-junk')?.triage).toMatchObject({
      quality: 'flagged',
      flags: ['gibberish'],
    });
    expect(feedback.find((event) => event.eventId === 's-real')?.customer).toMatchObject({
      stage: 'customer',
      churnRisk: 'none',
    });
    const all = await callApi<NpsReportDto>(ladder.url, '/api/nps?groupBy=employee&storeId=kiosk-7');
    expect(all.body.rows).toEqual([
      expect.objectContaining({ key: 'e-9', responses: 2, promoters: 1, detractors: 1 }),
    ]);
    const leaderboard = await callApi<NpsReportDto>(
      ladder.url,
      '/api/nps?groupBy=employee&storeId=kiosk-7&excludeFlagged=true',
    );
    expect(leaderboard.body.rows).toEqual([
      expect.objectContaining({ key: 'e-9', responses: 1, promoters: 0, detractors: 1 }),
    ]);
    // Between two instants, as every period filter takes them: `from` in, `to` out, flagged answers counted
    // unless left out, and the answer says the period it was asked.
    const between = (from: string, to: string, extra = '') =>
      callApi<NpsReportDto>(
        ladder.url,
        `/api/nps?groupBy=employee&storeId=kiosk-7&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`,
      );
    const first = await between(minutesAgo(10), minutesAgo(5));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ from: minutesAgo(10), to: minutesAgo(5) });
    expect(first.body.rows).toEqual([expect.objectContaining({ key: 'e-9', responses: 1, detractors: 1 })]);
    const second = await between(minutesAgo(7), new Date(given + 60_000).toISOString());
    expect(second.body.rows).toEqual([expect.objectContaining({ key: 'e-9', responses: 1, promoters: 1 })]);
    const secondGood = await between(
      minutesAgo(7),
      new Date(given + 60_000).toISOString(),
      '&excludeFlagged=true',
    );
    expect(secondGood.body.total.responses).toBe(0);
    // A day and an instant mix: from the store's local day of the first answer up to the second, excluded.
    const mixed = await between(minutesAgo(10).slice(0, 10), minutesAgo(5));
    expect(mixed.body.total).toMatchObject({ responses: 1, detractors: 1 });
    expect((await between(minutesAgo(5), minutesAgo(10))).status).toBe(400);
  });

  it('records no move twice when the input topics are replayed from offset zero', async () => {
    // Let time finish its own work first: the regular falls to Customer 20 s after their last purchase.
    await eventually(
      async () =>
        expect((await callApi<CustomerDto>(ladder.url, '/api/customers/c-regular')).body.stage).toBe(
          'customer',
        ),
      { timeoutMs: 40_000, intervalMs: 500 },
    );
    await waitUntilSettled(environment.config);
    const before = await topicMessageCount(environment.config, 'customer-events');
    await ladder.stop();
    await rewindInputTopics(environment.config);
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
    const profile = await callApi<CustomerDto>(ladder.url, '/api/customers/c-climber');
    expect(profile.body.history.filter((item) => item.type === 'stage-changed')).toHaveLength(7);
    expect(await topicMessageCount(environment.config, 'customer-events')).toBe(before);
  });
});
