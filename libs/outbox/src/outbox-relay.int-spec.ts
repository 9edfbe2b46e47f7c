import { jobRequest } from '#contracts';
import { TopicAdminService } from '#messaging';
import { OutboxRepository } from '#persistence';
import { type TestEnvironment, createTestEnvironment, freePort, startLibrary } from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelayService } from './outbox-relay.service.js';
import { TransactionalOutbox } from './transactional-outbox.service.js';

describe('the outbox relay against the real Kafka, PostgreSQL and Redis', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let database: DataSource;

  const outboxRows = () =>
    database.query<Array<{ id: string; published: boolean; parked: boolean; park_reason: string | null }>>(
      `SELECT id::text AS id, published_at IS NOT NULL AS published, parked_at IS NOT NULL AS parked, park_reason
         FROM outbox ORDER BY id`,
    );

  /** Writes messages to the outbox as a transaction of Ladder would, without publishing them yet. */
  async function append(messages: Parameters<OutboxRepository['append']>[1]): Promise<string[]> {
    return database.transaction((manager) => module.get(OutboxRepository).append(manager, messages));
  }

  beforeAll(async () => {
    environment = await createTestEnvironment('outbox-relay');
    module = await startLibrary(environment.config);
    database = module.get(DataSource);
    await module.get(TopicAdminService).ensureTopics();
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  beforeEach(async () => {
    await database.query('DELETE FROM outbox');
  });

  it('parks a message the broker refuses as it is, and publishes the ones behind it', async () => {
    const huge = 'x'.repeat(1_200_000); // over the topic's 1 MiB message limit
    const ids = await append([
      { kind: 'kafka', topic: 'customer-events', key: 'c-1', value: { type: 'first' } },
      { kind: 'kafka', topic: 'customer-events', key: 'c-2', value: { type: 'huge', huge } },
      { kind: 'kafka', topic: 'customer-events', key: 'c-3', value: { type: 'third' } },
      { kind: 'job', job: jobRequest('send-notification', 'relay-test', { notificationId: 'n-1' }) },
    ]);

    const report = await module.get(OutboxRelayService).publishPending();

    expect(report).toEqual({ published: 3, released: 0, parked: 1 });
    const rows = await outboxRows();
    expect(rows.map((row) => [row.published, row.parked])).toEqual([
      [true, false],
      [false, true],
      [true, false],
      [true, false],
    ]);
    expect(rows[1]!.park_reason).toMatch(/larger than the max message size|too large/i);
    const parked = await module.get(OutboxRepository).listParked(database.manager, 10);
    expect(parked).toEqual([
      expect.objectContaining({ id: ids[1], destination: 'customer-events', messageKey: 'c-2' }),
    ]);
    // The sweep leaves it alone: a parked message waits for an operator, and the outbox counts it apart.
    await expect(module.get(OutboxRelayService).publishPending()).resolves.toEqual({
      published: 0,
      released: 0,
      parked: 0,
    });
    await expect(module.get(OutboxRepository).countUnpublished(database.manager)).resolves.toEqual({
      waiting: 0,
      parked: 1,
    });
  });

  it('gives every message back, parks none and holds no transaction while Redis does not answer', async () => {
    const silent = await freePort();
    const stalled = await startLibrary({
      ...environment.config,
      redisUrl: `redis://127.0.0.1:${silent}`,
      resilience: { ...environment.config.resilience, redisTimeoutMs: 500 },
    });
    try {
      await append([
        { kind: 'job', job: jobRequest('send-notification', 'stalled-1', { notificationId: 'n-2' }) },
        { kind: 'job', job: jobRequest('send-notification', 'stalled-2', { notificationId: 'n-3' }) },
      ]);
      const started = Date.now();
      const sweep = stalled.get(OutboxRelayService).publishPending();
      // While the relay waits for Redis, no connection of this database sits inside a transaction.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [inTransaction] = await database.query<Array<{ waiting: number }>>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      expect(inTransaction?.waiting).toBe(0);
      await expect(sweep).resolves.toEqual({ published: 0, released: 2, parked: 0 });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await outboxRows()).map((row) => [row.published, row.parked])).toEqual([
        [false, false],
        [false, false],
      ]);
    } finally {
      await stalled.close();
    }
    // With Redis back, the next sweep publishes them.
    await expect(module.get(OutboxRelayService).publishPending()).resolves.toMatchObject({ published: 2 });
  });

  it('never fails the transaction that wrote the messages when publishing right after it fails', async () => {
    const result = await module.get(TransactionalOutbox).run(async ({ publish }) => {
      publish([
        {
          kind: 'kafka',
          topic: 'customer-events',
          key: 'c-9',
          value: { type: 'huge', huge: 'y'.repeat(1_200_000) },
        },
      ]);
      return 'committed';
    });
    expect(result).toBe('committed');
    expect((await outboxRows()).map((row) => row.parked)).toEqual([true]);
  });
});
