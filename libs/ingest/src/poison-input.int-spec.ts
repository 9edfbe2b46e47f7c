import { topicName } from '#contracts';
import type { ConsumedMessage } from '#messaging';
import { type TestEnvironment, createTestEnvironment, createTopics, startLibrary } from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IngestModule } from './ingest.module.js';
import { IngestService } from './ingest.service.js';

describe('poison input never blocks its partition', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let ingest: IngestService;
  let database: DataSource;
  let offset = 0;

  function message(key: Buffer | null, value: string): ConsumedMessage {
    offset += 1;
    return {
      topic: topicName(environment.config.kafka.topicPrefix, 'surveys'),
      partition: 0,
      offset: String(offset),
      key,
      value: Buffer.from(value, 'utf8'),
      timestamp: String(Date.now()),
      headers: {},
    };
  }

  const answer = (eventId: string) =>
    JSON.stringify({
      eventId,
      occurredAt: '2026-11-20T10:00:00Z',
      customer: { id: `c-${eventId}` },
      storeId: 'online',
      score: 9,
    });

  beforeAll(async () => {
    environment = await createTestEnvironment('poison');
    await createTopics(environment.config);
    module = await startLibrary(environment.config, IngestModule);
    ingest = module.get(IngestService);
    database = module.get(DataSource);
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  it('dead-letters messages whose key or parse error holds NUL bytes, with the key kept byte for byte', async () => {
    const nulKey = Buffer.from([0x63, 0x00, 0x2d, 0x31]);
    const brokenUtf8Key = Buffer.from([0xff, 0xfe, 0x41]);
    const batch = [
      message(nulKey, '{"eventId": "s-\u0000'),
      message(brokenUtf8Key, 'not json \u0000 at all'),
      message(nulKey, answer('s-fine-despite-key')),
      message(Buffer.from('c-ok'), answer('s-fine')),
    ];
    expect(await ingest.ingestBatch(batch)).toEqual({ accepted: 2, duplicates: 0, rejected: 2 });
    const rows: Array<{
      reason_code: string;
      message_key: string;
      message_key_bytes: Buffer | null;
      value: Buffer;
    }> = await database.query(
      `SELECT reason_code, message_key, message_key_bytes, value FROM dead_letters
          WHERE source_offset = ANY($1::bigint[]) ORDER BY source_offset`,
      [[batch[0]!.offset, batch[1]!.offset]],
    );
    expect(rows.map((row) => row.reason_code)).toEqual(['malformed-json', 'malformed-json']);
    expect(rows[0]!.message_key).toBe('c\uFFFD-1');
    expect(rows[0]!.message_key_bytes).toEqual(nulKey);
    expect(rows[1]!.message_key_bytes).toEqual(brokenUtf8Key);
    // The original value is kept whole, NUL and all, for fixing and redriving.
    expect(rows[0]!.value).toEqual(batch[0]!.value);
    const stored = await database.query(`SELECT event_id FROM survey_answers ORDER BY 1`);
    expect(stored.map((row: { event_id: string }) => row.event_id)).toEqual(['s-fine', 's-fine-despite-key']);
    // The dead-letter topic carries the key's bytes too.
    const [event] = await database.query(
      `SELECT payload FROM outbox WHERE destination = 'dlq' AND payload->'source'->>'offset' = $1`,
      [batch[0]!.offset],
    );
    expect(Buffer.from(event.payload.source.keyBase64, 'base64')).toEqual(nulKey);
  });

  it('dead-letters invalid fields that hold NUL bytes, with their field paths', async () => {
    const batch = [message(Buffer.from('c-x'), JSON.stringify({ eventId: 'e\u0000', score: 'ten\u0000' }))];
    expect(await ingest.ingestBatch(batch)).toEqual({ accepted: 0, duplicates: 0, rejected: 1 });
    const [row] = await database.query(
      `SELECT reason_code, fields FROM dead_letters WHERE source_offset = $1`,
      [batch[0]!.offset],
    );
    expect(row.reason_code).toBe('invalid-event');
    const score = row.fields.find((field: { path: string }) => field.path === 'score');
    expect(score.message).toContain('got "ten');
  });
});
