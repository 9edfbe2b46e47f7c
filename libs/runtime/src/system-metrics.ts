import { LADDER_CONFIG, type LadderConfig } from '#config';
import { ACTIVE_CASE_STATUSES, INPUT_TOPICS, QUEUE_NAMES, topicName } from '#contracts';
import { KafkaClient, partitionLags } from '#messaging';
import { LadderMetrics } from '#observability';
import { queryRows } from '#persistence';
import { JobQueueService } from '#queues';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** How long one reading serves the gauges of a scrape. */
const SCRAPE_MS = 1_000;

type Sample = [Record<string, string>, number];

/** The same reading for every caller within a scrape, read again for the next one. */
function perScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let reading: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (!reading || Date.now() - reading.at > SCRAPE_MS) reading = { at: Date.now(), value: read() };
    return reading.value;
  };
}

/**
 * The gauges of shared state, read when Prometheus scrapes: consumer lag per partition, the outbox, the
 * queues and their workers, the cases. Every process serving the API exports them (alerts take the `max`
 * over its replicas); a source that does not answer leaves its gauges out of that scrape, never fails it.
 */
@Injectable()
export class SystemMetrics implements OnModuleInit {
  private readonly logger = new Logger(SystemMetrics.name);

  constructor(
    private readonly metrics: LadderMetrics,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
    private readonly kafka: KafkaClient,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  onModuleInit(): void {
    // prom-client collects every gauge at once: gauges fed by one query share that query's reading.
    const outbox = perScrape(() => this.outbox());
    const queues = perScrape(() => this.queues());
    const cases = perScrape(() => this.cases());
    this.gauge(
      'ladder_consumer_lag',
      'Input messages the scoring consumer group has not committed yet, per partition.',
      ['topic', 'partition'],
      async () =>
        (await this.lags()).map(({ topic, partition, lag }) => [
          { topic, partition: String(partition) },
          lag,
        ]),
    );
    this.gauge(
      'ladder_outbox_backlog',
      'Outbox messages waiting to be published to Kafka or BullMQ (parked ones apart).',
      [],
      async () => [[{}, (await outbox()).count]],
    );
    this.gauge(
      'ladder_outbox_parked',
      'Outbox messages set aside because they cannot be published as they are; they wait for an operator.',
      [],
      async () => [[{}, (await outbox()).parked]],
    );
    this.gauge(
      'ladder_outbox_oldest_age_seconds',
      'Age of the oldest outbox message waiting to be published (parked ones apart); 0 when none waits.',
      [],
      async () => [[{}, (await outbox()).age]],
    );
    this.gauge('ladder_queue_jobs', 'BullMQ jobs per queue and state.', ['queue', 'state'], async () =>
      (await queues()).flatMap(({ queue, counts }) =>
        QUEUE_STATES.map((state): Sample => [{ queue, state }, counts[state] ?? 0]),
      ),
    );
    this.gauge(
      'ladder_queue_workers',
      'Workers consuming each BullMQ queue, across every process.',
      ['queue'],
      async () => (await queues()).map(({ queue, workers }): Sample => [{ queue }, workers]),
    );
    this.gauge('ladder_cases', 'Follow-up cases by status.', ['status'], async () =>
      (await cases()).map((row): Sample => [{ status: row.status }, row.count]),
    );
    this.gauge('ladder_cases_overdue', 'Active follow-up cases past their due time.', [], async () => [
      [{}, (await cases()).reduce((sum, row) => sum + row.overdue, 0)],
    ]);
  }

  /** A gauge whose samples are read at scrape time; a source that does not answer leaves it empty. */
  private gauge(name: string, help: string, labelNames: string[], read: () => Promise<Sample[]>): void {
    const gauge: Gauge = new Gauge({
      name,
      help,
      labelNames,
      registers: [this.metrics.registry],
      collect: async () => {
        gauge.reset();
        try {
          for (const [labels, value] of await read()) gauge.set(labels, value);
        } catch (error) {
          this.logger.warn({ message: `metrics: ${name} not read`, error: (error as Error).message });
        }
      },
    });
  }

  private async outbox(): Promise<{ count: number; age: number; parked: number }> {
    const { rows } = await queryRows<{ count: number; age: number | null; parked: number }>(
      this.dataSource.manager,
      `SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS count,
              count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked,
              extract(epoch FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL))::float8 AS age
         FROM outbox WHERE published_at IS NULL`,
    );
    return { count: rows[0]?.count ?? 0, age: rows[0]?.age ?? 0, parked: rows[0]?.parked ?? 0 };
  }

  private queues() {
    return Promise.all(
      QUEUE_NAMES.map(async (queue) => {
        const handle = this.jobs.queue(queue);
        const [counts, workers] = await this.jobs.bounded(
          Promise.all([handle.getJobCounts(...QUEUE_STATES), handle.getWorkersCount()]),
          'Redis',
        );
        return { queue, counts, workers };
      }),
    );
  }

  private async cases() {
    const { rows } = await queryRows<{ status: string; count: number; overdue: number }>(
      this.dataSource.manager,
      `SELECT status, count(*)::int AS count,
              count(*) FILTER (WHERE due_at < now() AND status = ANY($1::text[]))::int AS overdue
         FROM follow_up_cases GROUP BY status`,
      [ACTIVE_CASE_STATUSES],
    );
    return rows;
  }

  private async lags() {
    const topics = INPUT_TOPICS.map((topic) => topicName(this.config.kafka.topicPrefix, topic));
    return partitionLags(await this.kafka.admin(), this.config.kafka.consumerGroup, topics);
  }
}
