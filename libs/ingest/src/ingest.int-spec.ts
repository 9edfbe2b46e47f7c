import { topicName, type InputTopic } from '#contracts';
import type { ConsumedMessage } from '#messaging';
import { type TestEnvironment, createTestEnvironment, createTopics, startLibrary } from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IngestModule } from './ingest.module.js';
import { IngestService } from './ingest.service.js';

describe('scoring a batch against PostgreSQL, Kafka and Redis', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let scoring: IngestService;
  let database: DataSource;
  let offset = 0;

  function message(topic: InputTopic, value: unknown): ConsumedMessage {
    const body = typeof value === 'string' ? value : JSON.stringify(value);
    offset += 1;
    return {
      topic: topicName(environment.config.kafka.topicPrefix, topic),
      partition: 0,
      offset: String(offset),
      key: Buffer.from('key'),
      value: Buffer.from(body, 'utf8'),
      timestamp: String(Date.now()),
      headers: {},
    };
  }

  const answer = (eventId: string, extra: Record<string, unknown> = {}) => ({
    eventId,
    occurredAt: '2026-11-20T10:00:00Z',
    customer: { id: `c-${eventId}` },
    storeId: 'online',
    score: 8,
    ...extra,
  });

  const count = async (sql: string) => Number((await database.query(sql))[0].count);

  beforeAll(async () => {
    environment = await createTestEnvironment('scoring');
    await createTopics(environment.config);
    module = await startLibrary(environment.config, IngestModule);
    scoring = module.get(IngestService);
    database = module.get(DataSource);
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  it('changes nothing when a whole batch is delivered again (a crash before the offset commit)', async () => {
    const batch = [
      message('surveys', answer('s-r1', { score: 2 })),
      message('surveys', answer('s-r2', { score: 10 })),
      message('surveys', '{oops'),
    ];
    expect(await scoring.ingestBatch(batch)).toEqual({ accepted: 2, duplicates: 0, rejected: 1 });
    const outbox = await count('SELECT count(*) FROM outbox');
    const nps = await database.query('SELECT * FROM nps_daily ORDER BY store_id, employee_id, day');
    expect(await scoring.ingestBatch(batch)).toEqual({ accepted: 0, duplicates: 2, rejected: 1 });
    expect(await count('SELECT count(*) FROM outbox')).toBe(outbox);
    expect(await database.query('SELECT * FROM nps_daily ORDER BY store_id, employee_id, day')).toEqual(nps);
    expect(await count('SELECT count(*) FROM dead_letters')).toBe(1);
  });

  it('counts a repeated eventId inside one batch once', async () => {
    const batch = [
      message('surveys', answer('s-twice', { score: 0 })),
      message('surveys', answer('s-twice', { score: 0 })),
    ];
    expect(await scoring.ingestBatch(batch)).toEqual({ accepted: 1, duplicates: 1, rejected: 0 });
    expect(
      await count(
        `SELECT count(*) FROM outbox, jsonb_array_elements_text(payload->'surveyEventIds') AS e(event_id)
          WHERE destination = 'open-follow-up-cases' AND e.event_id = 's-twice'`,
      ),
    ).toBe(1);
  });

  it('dead-letters the one message the database refuses and stores the rest of its batch', async () => {
    const batch = [
      message('surveys', answer('s-good-1')),
      // Valid JSON and a valid event, but PostgreSQL text cannot hold a NUL character.
      message('surveys', answer('s-nul', { comment: 'before\u0000after' })),
      message('surveys', answer('s-good-2')),
      message('purchases', {
        ...answer('p-good'),
        orderId: 'o-1',
        total: { amountMinor: 100, currency: 'USD' },
      }),
    ];
    expect(await scoring.ingestBatch(batch)).toEqual({ accepted: 3, duplicates: 0, rejected: 1 });
    const stored = await database.query(
      `SELECT event_id FROM survey_answers WHERE event_id LIKE 's-good-%' ORDER BY 1`,
    );
    expect(stored.map((row: { event_id: string }) => row.event_id)).toEqual(['s-good-1', 's-good-2']);
    const [deadLetter] = await database.query(
      `SELECT reason_code, reason_message FROM dead_letters WHERE source_offset = $1`,
      [batch[1]!.offset],
    );
    expect(deadLetter).toMatchObject({ reason_code: 'processing-failed' });
    expect(deadLetter.reason_message).toContain('could not be stored');
  });

  it('keeps the newest contact details whatever order the events arrive in', async () => {
    const older = {
      ...answer('s-old'),
      customer: { id: 'c-order', email: 'old@example.com', name: 'Old' },
      occurredAt: '2026-11-01T10:00:00Z',
    };
    const newer = {
      ...answer('s-new'),
      customer: { id: 'c-order', email: 'new@example.com' },
      occurredAt: '2026-11-10T10:00:00Z',
    };
    await scoring.ingestBatch([message('surveys', newer)]);
    await scoring.ingestBatch([message('surveys', older)]);
    const [customer] = await database.query(
      `SELECT email, name, first_seen_at, last_seen_at FROM customers WHERE id = 'c-order'`,
    );
    expect(customer.email).toBe('new@example.com');
    // The older event still fills in what the newer one did not say.
    expect(customer.name).toBe('Old');
    expect(new Date(customer.first_seen_at).toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(new Date(customer.last_seen_at).toISOString()).toBe('2026-11-10T10:00:00.000Z');
  });

  it("counts an answer on the store's local day", async () => {
    await database.query(
      `INSERT INTO regions (id, name, manager_name, manager_email) VALUES ('r', 'R', 'M', 'm@example.com')`,
    );
    await database.query(
      `INSERT INTO stores (id, name, region_id, timezone, locale, manager_name, manager_email)
       VALUES ('tehran-x', 'T', 'r', 'Asia/Tehran', 'fa-IR', 'N', 'n@example.com')`,
    );
    // 21:00 UTC on the 20th is 00:30 on the 21st in Tehran.
    await scoring.ingestBatch([
      message('surveys', { ...answer('s-late'), storeId: 'tehran-x', occurredAt: '2026-11-20T21:00:00Z' }),
    ]);
    const [row] = await database.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM nps_daily WHERE store_id = 'tehran-x'`,
    );
    expect(row.day).toBe('2026-11-21');
  });

  it('flags a flood from answers stored in earlier batches, counting only those of the span before it', async () => {
    const at = (iso: string, eventId: string, customerId: string) =>
      message('surveys', { ...answer(eventId), customer: { id: customerId }, occurredAt: iso });
    const answerEachInItsOwnBatch = async (customerId: string, times: string[]) => {
      for (const [index, iso] of times.entries())
        await scoring.ingestBatch([at(iso, `s-${customerId}-${index}`, customerId)]);
    };
    // Three answers within the day before the new one (the default rule: 3 in 24 h), and for the other
    // customer three answers more than a day before it.
    await answerEachInItsOwnBatch('c-flooding', [
      '2026-11-19T12:00:00Z',
      '2026-11-20T01:00:00Z',
      '2026-11-20T09:00:00Z',
    ]);
    await answerEachInItsOwnBatch('c-calm', [
      '2026-11-01T10:00:00Z',
      '2026-11-02T10:00:00Z',
      '2026-11-18T10:00:00Z',
    ]);
    await scoring.ingestBatch([
      at('2026-11-20T10:00:00Z', 's-flood-new', 'c-flooding'),
      at('2026-11-20T10:00:00Z', 's-calm-new', 'c-calm'),
    ]);
    const rows: Array<{ event_id: string; quality_flags: string[] }> = await database.query(
      `SELECT event_id, quality_flags FROM survey_answers WHERE event_id IN ('s-flood-new', 's-calm-new')`,
    );
    const flags = Object.fromEntries(rows.map((row) => [row.event_id, row.quality_flags]));
    expect(flags['s-flood-new']).toContain('flood');
    expect(flags['s-calm-new']).not.toContain('flood');
  });
});
