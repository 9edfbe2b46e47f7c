import type { LadderConfig } from '#config';
import { INPUT_TOPICS, topicName } from '#contracts';
import { BatchConsumer, createKafka } from '#messaging';
import { removeTopic } from '#testing';
import type { SimulatedMessage } from '#simulation';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Span } from './bench-figures.js';
import { paced } from './paced-producer.js';
import { withDatabase } from './run-database.js';
import { MemorySampler } from './worker-process.js';

// The raw baselines of `ladder bench`: what the machine does with the same work and none of Ladder's, in
// the same run, so every figure of Ladder's has something to be measured against.

/**
 * Ladder's own consumer (kafkajs `eachBatch`, the same settings and commit after each batch) with a handler
 * that does nothing, over the input topics from the start: how fast Kafka and kafkajs alone go. Timed from
 * the first batch to the `expected`-th message, so joining the group is not counted.
 */
export async function rawConsumerRun(config: LadderConfig, groupId: string, expected: number): Promise<Span> {
  let first = 0;
  let count = 0;
  let finished: (span: Span) => void = () => undefined;
  const done = new Promise<Span>((resolve) => (finished = resolve));
  const consumer = new BatchConsumer(createKafka(config, '-bench-raw'), {
    groupId,
    topics: INPUT_TOPICS.map((topic) => topicName(config.kafka.topicPrefix, topic)),
    partitionsConsumedConcurrently: 2,
    handler: async (messages) => {
      first ||= Date.now();
      count += messages.length;
      if (count >= expected) finished({ count, ms: Date.now() - first });
    },
  });
  await consumer.start();
  try {
    return await withTimeout(done, 300_000, 'the raw consumer');
  } finally {
    await consumer.stop();
  }
}

/**
 * The scoring role's database work, raw: per batch of `batchSize`, one transaction that claims the event
 * ids (`INSERT … SELECT unnest … ON CONFLICT DO NOTHING RETURNING`) and inserts the new events' rows with
 * one `unnest` insert, into scratch tables of the same database.
 */
export async function rawInsertRun(
  databaseUrl: string,
  messages: readonly SimulatedMessage[],
  batchSize: number,
): Promise<Span> {
  return withDatabase(databaseUrl, async (database) => {
    try {
      await database.query(`DROP TABLE IF EXISTS bench_raw_claims, bench_raw_facts`);
      await database.query(
        `CREATE TABLE bench_raw_claims (event_id text PRIMARY KEY, claimed_at timestamptz DEFAULT now())`,
      );
      await database.query(`CREATE TABLE bench_raw_facts (event_id text PRIMARY KEY, topic text NOT NULL,
      customer_id text NOT NULL, occurred_at timestamptz NOT NULL, body jsonb NOT NULL)`);
      const rows = messages.map((message) => {
        const event = JSON.parse(message.value) as { eventId: string };
        return {
          eventId: event.eventId,
          topic: message.topic,
          key: message.key,
          at: message.occurredAt,
          body: message.value,
        };
      });
      const started = Date.now();
      for (let start = 0; start < rows.length; start += batchSize) {
        const batch = rows.slice(start, start + batchSize);
        await database.query('BEGIN');
        const claimed = await database.query<{ event_id: string }>(
          `INSERT INTO bench_raw_claims (event_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING event_id`,
          [batch.map((row) => row.eventId)],
        );
        const fresh = new Set(claimed.rows.map((row) => row.event_id));
        const kept = batch.filter((row) => fresh.has(row.eventId));
        await database.query(
          `INSERT INTO bench_raw_facts (event_id, topic, customer_id, occurred_at, body)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])`,
          [
            kept.map((row) => row.eventId),
            kept.map((row) => row.topic),
            kept.map((row) => row.key),
            kept.map((row) => row.at),
            kept.map((row) => row.body),
          ],
        );
        await database.query('COMMIT');
      }
      return { count: rows.length, ms: Date.now() - started };
    } finally {
      await database.query(`DROP TABLE IF EXISTS bench_raw_claims, bench_raw_facts`).catch(() => undefined);
    }
  });
}

/**
 * A raw produce → consume probe: messages at `rate` per second for `seconds` to a probe topic of six
 * partitions, read by a plain consumer; each sample is the time from the producer's timestamp to its receipt.
 */
export async function probeRun(config: LadderConfig, rate: number, seconds: number): Promise<number[]> {
  const kafka = createKafka(config, '-bench-probe');
  // A topic of its own, read from its start: nothing produced after joining the group can be missed.
  const topic = `${config.kafka.topicPrefix}.bench-probe-${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
  const total = Math.max(1, Math.round(rate * seconds));
  const samples: number[] = [];
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const consumer = kafka.consumer({ groupId: `${topic}.${Date.now()}`, allowAutoTopicCreation: false });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([consumer.connect(), producer.connect()]);
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let joined: () => void = () => undefined;
    const member = new Promise<void>((resolve) => (joined = resolve));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        for (const message of batch.messages) samples.push(now - Number(message.timestamp));
        if (samples.length >= total) finished();
      },
    });
    await withTimeout(member, 60_000, 'the probe consumer joining');
    const items = Array.from({ length: total }, (_, index) => ({ key: String(index), value: String(index) }));
    await paced(items, rate, (due) =>
      producer.send({ topic, acks: -1, messages: due }).then(() => undefined),
    );
    await withTimeout(done, 60_000, 'the probe consumer');
    return samples;
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
    await admin.disconnect();
    await removeTopic(config, topic);
  }
}

/** An idle Node.js process that loads the modules a worker loads, and starts nothing: its resident memory. */
export async function nodeIdleMb(): Promise<number> {
  const workerModule = fileURLToPath(new URL('../../../../worker/src/worker.module.js', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(workerModule)}); setInterval(() => {}, 60_000);`,
    ],
    { stdio: 'ignore' },
  );
  try {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const sampler = new MemorySampler(child.pid!, 100);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const { peakMb } = sampler.stop();
    if (peakMb === 0) throw new Error('the idle Node.js process did not start');
    return peakMb;
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * What a rebuild writes, raw: every stored fact's row (answers, purchases, leads) copied with batched
 * `INSERT … SELECT unnest` into a scratch table, 10,000 rows a statement.
 */
export async function rawRebuildRun(databaseUrl: string): Promise<Span> {
  return withDatabase(databaseUrl, async (database) => {
    try {
      const { rows } = await database.query<{
        event_id: string;
        customer_id: string;
        store_id: string;
        at: Date;
      }>(
        `SELECT event_id, customer_id, store_id, occurred_at AS at FROM survey_answers
       UNION ALL SELECT event_id, customer_id, store_id, occurred_at FROM purchases
       UNION ALL SELECT event_id, customer_id, store_id, occurred_at FROM leads`,
      );
      await database.query(`DROP TABLE IF EXISTS bench_raw_rebuild`);
      await database.query(`CREATE TABLE bench_raw_rebuild (event_id text PRIMARY KEY, customer_id text NOT NULL,
      store_id text NOT NULL, occurred_at timestamptz NOT NULL)`);
      const started = Date.now();
      for (let start = 0; start < rows.length; start += 10_000) {
        const chunk = rows.slice(start, start + 10_000);
        await database.query(
          `INSERT INTO bench_raw_rebuild SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])`,
          [
            chunk.map((row) => row.event_id),
            chunk.map((row) => row.customer_id),
            chunk.map((row) => row.store_id),
            chunk.map((row) => row.at),
          ],
        );
      }
      return { count: rows.length, ms: Date.now() - started };
    } finally {
      await database.query(`DROP TABLE IF EXISTS bench_raw_rebuild`).catch(() => undefined);
    }
  });
}

export async function withTimeout<Result>(work: Promise<Result>, ms: number, what: string): Promise<Result> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
