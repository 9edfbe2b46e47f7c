import type { LadderConfig } from '#config';
import { topicName, type ApiErrorBody, type CustomerErasureDto, type LadderTopic } from '#contracts';
import { MailCatcher } from '#local-stack';
import { createKafka } from '#messaging';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  readWholeTopic,
  waitUntilSettled,
  type ReadMessage,
  type TestEnvironment,
} from '#testing';
import pg from 'pg';
import { ladder as ladderCommand } from './support/cli.js';
import { caseOf, issueToken, produceAnswers } from './support/feedback.js';
import { followJoinLink, invitePromoter } from './support/promoters.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

const DIRECTORY_FILE = new URL('./fixtures/promoter-directory.yaml', import.meta.url).pathname;

const parisa = {
  id: 'er-c-7731',
  name: 'Parisa Ghaffarian',
  email: 'parisa.gh@erasure.test',
  phone: '+98 912 555 0101',
  locale: 'en',
};
const COMPLAINT = 'The cashier shouted at me about the receipt';
const NOTE = 'Parisa Ghaffarian says the receipt was wrong';
const CALL = 'Rang +98 912 555 0101 twice';
const LATER_COMMENT = 'Back again and still unhappy with the tills';
/** Everything personal about Parisa that Ladder was told, in any form it could have been copied in. */
const NEEDLES = [
  parisa.name,
  'Parisa',
  'Ghaffarian',
  parisa.email,
  parisa.phone,
  '912 555 0101',
  COMPLAINT,
  NOTE,
  CALL,
];

/** Every text, JSON, byte and array column of every table, found from the catalogue, not from a list. */
async function columnsHolding(database: pg.Client, needles: string[]): Promise<string[]> {
  const { rows: columns } = await database.query<{
    table_name: string;
    column_name: string;
    data_type: string;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY')`,
  );
  expect(columns.length).toBeGreaterThan(60);
  const found: string[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const value =
      type === 'bytea'
        ? `encode("${column}", 'escape')`
        : type === 'ARRAY'
          ? `array_to_string("${column}", ' ')`
          : `"${column}"::text`;
    const { rows } = await database.query<{ needle: string }>(
      `SELECT needle FROM unnest($1::text[]) needle
        WHERE EXISTS (SELECT 1 FROM "${table}" WHERE strpos(lower(${value}), lower(needle)) > 0)`,
      [needles],
    );
    for (const { needle } of rows) found.push(`${table}.${column} holds "${needle}"`);
  }
  return found;
}

/** The end of each partition of a topic now: what is written after it is new. */
async function endOffsets(config: LadderConfig, topic: LadderTopic): Promise<Map<number, bigint>> {
  const admin = createKafka(config, '-erasure-test').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topicName(config.kafka.topicPrefix, topic));
    return new Map(offsets.map((offset) => [offset.partition, BigInt(offset.high)]));
  } finally {
    await admin.disconnect();
  }
}

async function writtenSince(
  config: LadderConfig,
  topic: LadderTopic,
  since: Map<number, bigint>,
): Promise<ReadMessage[]> {
  return (await readWholeTopic(config, topic)).filter(
    (message) => BigInt(message.offset) >= (since.get(message.partition) ?? 0n),
  );
}

describe('erasing a customer', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let database: pg.Client;
  const catcher = new MailCatcher();
  const mailTo = async (address: string) =>
    (await catcher.fromInstance(environment.config.queuePrefix)).filter((email) =>
      email.to.some((recipient) => recipient.address === address),
    );

  beforeAll(async () => {
    environment = await createTestEnvironment('erasure', {
      LADDER_DIRECTORY: DIRECTORY_FILE,
      LADDER_REFERRAL_COOLING_OFF: '2s',
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

  const purchase = (eventId: string, customer: object, extra: object = {}) =>
    produce(environment.config, 'purchases', [
      {
        key: (customer as { id: string }).id,
        value: JSON.stringify({
          eventId,
          occurredAt: new Date().toISOString(),
          customer,
          storeId: 'online',
          orderId: `o-${eventId}`,
          total: { amountMinor: 4_990, currency: 'EUR' },
          ...extra,
        }),
      },
    ]);

  /** NPS, the ladder and the reward ledger: what an erasure must leave exactly as it was. */
  async function figures() {
    const [nps, ladderNow, rewards, daily] = await Promise.all([
      callApi(ladder.url, '/api/nps?groupBy=store'),
      callApi(ladder.url, '/api/ladder'),
      database.query(
        'SELECT kind, count(*)::int, sum(amount_minor)::int FROM rewards GROUP BY kind ORDER BY kind',
      ),
      database.query(
        'SELECT sum(promoters)::int AS p, sum(passives)::int AS pa, sum(detractors)::int AS d FROM nps_daily',
      ),
    ]);
    return { nps: nps.body, ladder: ladderNow.body, rewards: rewards.rows, daily: daily.rows[0] };
  }

  it('leaves nothing personal in any table or in what it publishes, and every figure as it was', async () => {
    // Parisa buys, is invited as a promoter, joins, brings a friend, complains, and sends a broken event.
    await purchase('er-p-1', parisa);
    const invitation = await invitePromoter(environment.config, parisa, {
      eventId: 'er-s-1',
      storeId: 'online',
    });
    expect((await followJoinLink(environment.config, invitation)).status).toBe(200);
    const code = (
      await database.query<{ referral_code: string }>(
        'SELECT referral_code FROM loyalty_members WHERE customer_id = $1',
        [parisa.id],
      )
    ).rows[0]!.referral_code;
    expect(code).toMatch(/^PARISA-/);
    await purchase('er-p-friend', { id: 'er-friend', email: 'friend@erasure.test' }, { referralCode: code });
    await eventually(
      async () => {
        expect(await mailTo(parisa.email)).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              headers: expect.objectContaining({ 'x-ladder-notification': 'referral-reward' }),
            }),
          ]),
        );
      },
      { timeoutMs: 60_000 },
    );
    await produceAnswers(environment.config, [
      {
        eventId: 'er-s-2',
        customerId: parisa.id,
        storeId: 'online',
        score: 2,
        comment: COMPLAINT,
        email: parisa.email,
      },
      {
        eventId: 'er-s-keep',
        customerId: 'er-keep',
        storeId: 'online',
        score: 3,
        comment: 'Keep this complaint',
      },
    ]);
    await purchase('er-p-bad', parisa, { total: { amountMinor: -5, currency: 'EUR' } });
    await waitUntilSettled(environment.config);
    const complaint = await caseOf(ladder.url, parisa.id);
    const act = (action: string, body: unknown) =>
      callApi(ladder.url, `/api/cases/${complaint.id}/${action}`, { method: 'POST', body });
    expect((await act('claim', {})).status).toBe(200);
    expect((await act('note', { text: NOTE })).status).toBe(200);
    expect((await act('contact', { result: 'no-answer', note: CALL })).status).toBe(200);
    await waitUntilSettled(environment.config);
    expect(await columnsHolding(database, NEEDLES)).not.toEqual([]);

    // Refused to anyone who does not answer for every store that knows her.
    const agent = await issueToken(ladder.url, { name: 'an agent', role: 'agent', storeIds: ['online'] });
    const tehranAdmin = await issueToken(ladder.url, {
      name: 'Tehran admin',
      role: 'admin',
      storeIds: ['tehran-01'],
    });
    for (const token of [agent, tehranAdmin]) {
      const refused = await callApi<ApiErrorBody>(ladder.url, `/api/customers/${parisa.id}`, {
        method: 'DELETE',
        token,
      });
      expect(refused.status).toBe(403);
    }

    const before = await figures();
    const mailBefore = (await mailTo(parisa.email)).length;
    const since = {
      dlq: await endOffsets(environment.config, 'dlq'),
      feedback: await endOffsets(environment.config, 'feedback'),
      'customer-events': await endOffsets(environment.config, 'customer-events'),
    };
    const erased = await callApi<CustomerErasureDto>(ladder.url, `/api/customers/${parisa.id}`, {
      method: 'DELETE',
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ customerId: parisa.id, found: true, alreadyErased: false });
    expect(erased.body.cleared).toMatchObject({
      customers: 1,
      survey_answers: 2,
      purchases: 1,
      dead_letters: 1,
    });
    await waitUntilSettled(environment.config);

    expect(await columnsHolding(database, NEEDLES)).toEqual([]);
    // The other customer's words are untouched: the erasure reaches Parisa only.
    expect(await columnsHolding(database, ['Keep this complaint'])).toEqual([
      'survey_answers.comment holds "Keep this complaint"',
    ]);
    expect(await figures()).toEqual(before);
    expect((await callApi(ladder.url, `/api/customers/${parisa.id}`)).status).toBe(404);

    const published = {
      dlq: await writtenSince(environment.config, 'dlq', since.dlq),
      feedback: await writtenSince(environment.config, 'feedback', since.feedback),
      customerEvents: await writtenSince(environment.config, 'customer-events', since['customer-events']),
    };
    const erasedEvents = published.customerEvents
      .map((message) => JSON.parse(message.value!.toString('utf8')) as { type: string; customerId: string })
      .filter((event) => event.type === 'customer-erased');
    expect(erasedEvents).toEqual([expect.objectContaining({ customerId: parisa.id })]);

    // A later answer from her is counted, stores nothing personal, and sends her nothing.
    await produceAnswers(environment.config, [
      {
        eventId: 'er-s-3',
        customerId: parisa.id,
        storeId: 'online',
        score: 3,
        comment: LATER_COMMENT,
        email: parisa.email,
      },
    ]);
    await purchase('er-p-bad-2', { ...parisa }, { total: { amountMinor: -7, currency: 'EUR' } });
    await waitUntilSettled(environment.config);
    const after = await figures();
    expect(after.daily).toEqual({ ...before.daily, d: before.daily.d + 1 });
    expect(await columnsHolding(database, [...NEEDLES, LATER_COMMENT])).toEqual([]);
    for (const message of [
      ...(await writtenSince(environment.config, 'dlq', since.dlq)),
      ...(await writtenSince(environment.config, 'feedback', since.feedback)),
      ...(await writtenSince(environment.config, 'customer-events', since['customer-events'])),
      ...published.dlq,
      ...published.feedback,
    ]) {
      const text = `${message.key ?? ''} ${message.value?.toString('utf8') ?? ''}`.toLowerCase();
      for (const needle of [...NEEDLES, LATER_COMMENT]) expect(text).not.toContain(needle.toLowerCase());
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await mailTo(parisa.email)).toHaveLength(mailBefore);

    // Recorded who erased and when, never whom; erasing again does nothing more.
    const { rows: records } = await database.query('SELECT * FROM erasures');
    expect(records).toEqual([
      expect.objectContaining({ via: 'api', erased_by: 'token admin (bootstrap-admin)' }),
    ]);
    expect(JSON.stringify(records)).not.toContain(parisa.id);
    const again = await callApi<CustomerErasureDto>(ladder.url, `/api/customers/${parisa.id}`, {
      method: 'DELETE',
    });
    expect(again.body).toMatchObject({ alreadyErased: true, erasedAt: erased.body.erasedAt });
  }, 240_000);

  it('erases from the command line as well, recorded as the operator who ran it', async () => {
    const run = await ladderCommand(['erase', 'er-keep', '--by', 'ticket 4711'], environment.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Erased: .*survey_answers 1/);
    expect(await columnsHolding(database, ['Keep this complaint'])).toEqual([]);
    const { rows } = await database.query<{ erased_by: string }>(
      `SELECT erased_by FROM erasures WHERE via = 'cli'`,
    );
    expect(rows).toEqual([{ erased_by: expect.stringMatching(/^cli .+ for ticket 4711$/) }]);
    const again = await ladderCommand(['erase', 'er-keep'], environment.env);
    expect(again.stdout).toMatch(/^Already erased on /);
    const usage = await ladderCommand(['erase'], environment.env);
    expect(usage.status).not.toBe(0);
    expect(usage.stderr).toContain('usage: ladder erase <customer-id>');
  }, 120_000);
});
