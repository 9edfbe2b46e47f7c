import { topicName, type RetriedDto, type StuckWorkDto } from '#contracts';
import { createKafka } from '#messaging';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  produce,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ladder } from './support/cli.js';
import { produceAnswers, type SurveyAnswer } from './support/feedback.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

/** The NPS read model, and what the stored answers give, row by row. */
const READ_MODEL = `SELECT store_id, employee_id, day::text, promoters, passives, detractors,
                           flagged_promoters, flagged_passives, flagged_detractors
                      FROM nps_daily ORDER BY 1, 2, 3`;
const FROM_FACTS = `SELECT store_id, coalesce(employee_id, '') AS employee_id, local_day::text AS day,
       count(*) FILTER (WHERE classification = 'promoter')::int AS promoters,
       count(*) FILTER (WHERE classification = 'passive')::int AS passives,
       count(*) FILTER (WHERE classification = 'detractor')::int AS detractors,
       count(*) FILTER (WHERE classification = 'promoter' AND quality = 'flagged')::int AS flagged_promoters,
       count(*) FILTER (WHERE classification = 'passive' AND quality = 'flagged')::int AS flagged_passives,
       count(*) FILTER (WHERE classification = 'detractor' AND quality = 'flagged')::int AS flagged_detractors
  FROM survey_answers GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

function answers(prefix: string, count: number): SurveyAnswer[] {
  return Array.from({ length: count }, (_, index) => ({
    eventId: `${prefix}-${index}`,
    customerId: `c-${prefix}-${index % 17}`,
    storeId: index % 3 === 0 ? 'kiosk-north' : 'kiosk-south',
    employeeId: index % 4 === 0 ? 'e-9' : undefined,
    score: index % 11,
    occurredAt: new Date(Date.UTC(2026, 10, 20 + (index % 3), 12)).toISOString(),
  }));
}

describe('operating Ladder: rebuild, redrive and replay from the command line', () => {
  let environment: TestEnvironment;
  let ladderApp: RunningLadder | undefined;
  let database: pg.Client;

  beforeAll(async () => {
    environment = await createTestEnvironment('operations');
    await createTopics(environment.config);
    database = new pg.Client({ connectionString: environment.config.databaseUrl });
    await database.connect();
    ladderApp = await startLadder(environment.config);
  });

  afterAll(async () => {
    await ladderApp?.stop();
    await database?.end();
    await environment?.cleanup();
  });

  it('rebuilds corrupted NPS counters from the answers while traffic flows, with a progress bar', async () => {
    await produceAnswers(environment.config, answers('s-before', 60));
    await waitUntilSettled(environment.config);
    // Deliberate corruption: counts inflated, a row lost, a row that no answer gives.
    await database.query(`UPDATE nps_daily SET promoters = promoters + 50 WHERE store_id = 'kiosk-north'`);
    await database.query(
      `DELETE FROM nps_daily WHERE ctid = (SELECT ctid FROM nps_daily WHERE store_id = 'kiosk-south' LIMIT 1)`,
    );
    await database.query(
      `INSERT INTO nps_daily (store_id, employee_id, day, promoters) VALUES ('kiosk-ghost', '', '2026-11-01', 7)`,
    );
    expect((await database.query(READ_MODEL)).rows).not.toEqual((await database.query(FROM_FACTS)).rows);

    // Traffic keeps flowing while the rebuild runs.
    const traffic = (async () => {
      for (let round = 0; round < 6; round += 1) {
        await produceAnswers(environment.config, answers(`s-during-${round}`, 15));
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    const run = await ladder(['rebuild'], environment.env);
    await traffic;
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/NPS counters: \d+ row\(s\) added, [1-9]\d* corrected, 1 removed/);
    expect(run.stdout).toMatch(/^customers +\[█+\] 100 %/m);
    expect(run.stdout).toMatch(/Customers: \d+ derived again/);

    await waitUntilSettled(environment.config);
    const fromFacts = (await database.query(FROM_FACTS)).rows;
    expect((await database.query(READ_MODEL)).rows).toEqual(fromFacts);
    const counted = fromFacts.reduce((sum, row) => sum + row.promoters + row.passives + row.detractors, 0);
    expect(counted).toBe(60 + 6 * 15);
  });

  it('redrives dead letters by reason, corrected by a merge patch or as they were, and says how each ended', async () => {
    const surveys = topicName(environment.config.kafka.topicPrefix, 'surveys');
    await produce(environment.config, 'surveys', [
      ...Array.from({ length: 4 }, (_, index) => ({
        key: `c-fix-${index}`,
        value: JSON.stringify({
          eventId: `s-fix-${index}`,
          occurredAt: '2026-11-21T10:00:00Z',
          customer: { id: `c-fix-${index}` },
          storeId: 'kiosk-north',
        }),
      })),
      ...Array.from({ length: 2 }, (_, index) => ({
        key: `c-broken-${index}`,
        value: `{"eventId": "s-broken-${index}"`,
      })),
    ]);
    await waitUntilSettled(environment.config);
    const patch = join(tmpdir(), `ladder-patch-${environment.name}.json`);
    writeFileSync(patch, JSON.stringify({ score: 4 }));

    const corrected = await ladder(
      ['redrive', '--reason', 'invalid-event', '--patch', patch],
      environment.env,
    );
    expect(corrected.stderr).toBe('');
    expect(corrected.status).toBe(0);
    expect(corrected.stdout).toContain('4 dead letter(s): 4 accepted, 0 dead-lettered again');
    expect(
      corrected.stdout.match(
        new RegExp(`→ ${surveys.replaceAll('.', '\\.')} \\[\\d\\] @\\d+: accepted`, 'g'),
      ),
    ).toHaveLength(4);
    const stored = await database.query(
      `SELECT event_id, score FROM survey_answers WHERE event_id LIKE 's-fix-%' ORDER BY 1`,
    );
    expect(stored.rows).toEqual([0, 1, 2, 3].map((index) => ({ event_id: `s-fix-${index}`, score: 4 })));

    const asTheyWere = await ladder(['redrive', '--reason', 'malformed-json'], environment.env);
    expect(asTheyWere.status).toBe(0);
    expect(asTheyWere.stdout).toContain('2 dead letter(s): 0 accepted, 2 dead-lettered again');
    expect(
      asTheyWere.stdout.match(/dead-lettered again \(malformed-json: the message value is not valid JSON/g),
    ).toHaveLength(2);
    // Each redriven dead letter is marked, and a second run finds nothing more to send.
    const again = await ladder(['redrive', '--reason', 'invalid-event'], environment.env);
    expect(again.stdout).toContain('0 dead letter(s)');
  });

  it('lists what is stuck and sends a parked outbox message again once its cause is mended', async () => {
    // Two messages the relay parked: one the broker took once mended, one still over its 1 MiB limit.
    const parked = await database.query<{ id: string }>(
      `INSERT INTO outbox (kind, destination, message_key, payload, parked_at, park_reason)
       VALUES ('kafka', 'customer-events', 'c-mended', '{"type":"mended"}', now(), 'the topic was deleted'),
              ('kafka', 'customer-events', 'c-huge', $1::jsonb, now(), 'message too large')
       RETURNING id::text AS id`,
      [JSON.stringify({ type: 'huge', huge: 'z'.repeat(1_200_000) })],
    );
    const [mended, huge] = parked.rows.map((row) => row.id);

    const stuck = await callApi<StuckWorkDto>(ladderApp!.url, '/api/stuck');
    expect(stuck.status).toBe(200);
    expect(stuck.body.outbox.map((message) => [message.id, message.reason])).toEqual([
      [huge, 'message too large'],
      [mended, 'the topic was deleted'],
    ]);

    const retried = await callApi<RetriedDto>(ladderApp!.url, `/api/stuck/outbox/${mended}/retry`, {
      method: 'POST',
    });
    expect(retried.body).toEqual({ id: mended, outcome: 'published', reason: null });
    const again = await callApi<RetriedDto>(ladderApp!.url, `/api/stuck/outbox/${huge}/retry`, {
      method: 'POST',
    });
    expect(again.body).toMatchObject({ id: huge, outcome: 'parked-again' });
    expect(again.body.reason).toMatch(/larger than the max message size/);
    const missing = await callApi(ladderApp!.url, `/api/stuck/outbox/${mended}/retry`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect((await callApi<StuckWorkDto>(ladderApp!.url, '/api/stuck')).body.outbox.map((m) => m.id)).toEqual([
      huge,
    ]);
    await database.query('DELETE FROM outbox WHERE id = $1', [huge]);
  });

  it('replays from a time only while no scoring worker runs, and the replay changes no figure', async () => {
    const refused = await ladder(['replay', '--from', '2026-01-01T00:00:00Z'], environment.env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/has 1 member\(s\)\. Stop the workers running the scoring role/);

    const before = (await database.query(READ_MODEL)).rows;
    await ladderApp!.stop();
    ladderApp = undefined;
    const run = await ladder(['replay', '--from', '2026-01-01T00:00:00Z'], environment.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/surveys\.v1 \[0\]: \d+ → 0/);

    const admin = createKafka(environment.config, '-test').admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({
        groupId: environment.config.kafka.consumerGroup,
        topics: [topicName(environment.config.kafka.topicPrefix, 'surveys')],
      });
      expect(offsets!.partitions.every((partition) => partition.offset === '0')).toBe(true);
    } finally {
      await admin.disconnect();
    }
    ladderApp = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
    expect((await database.query(READ_MODEL)).rows).toEqual(before);
  });
});
