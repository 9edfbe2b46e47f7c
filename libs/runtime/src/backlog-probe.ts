import type { LadderConfig } from '#config';
import { INPUT_TOPICS, QUEUE_NAMES, topicName } from '#contracts';
import { consumerLag, createKafka } from '#messaging';
import { bullConnection } from '#queues';
import { Queue } from 'bullmq';
import type { Admin } from 'kafkajs';
import pg from 'pg';

export interface Backlog {
  /** Input messages the scoring group has not committed yet. */
  scoringLag: number;
  /** Outbox messages not yet published. */
  outbox: number;
  /** Jobs waiting or running, and delayed ones due within a minute (retries); timers and schedules left out. */
  jobs: number;
  emails: { total: number; pending: number; sent: number; failed: number };
}

/** A delayed job due sooner than this is work in hand (a retry); one due later is a timer (an escalation). */
const SOON_MS = 60_000;

/** How much work Ladder still has in hand, from outside: what the demo shows and what tests wait for. */
export class BacklogProbe {
  private readonly admin: Admin;
  private readonly queues: Queue[];
  private readonly database: pg.Client;

  private constructor(private readonly config: LadderConfig) {
    this.admin = createKafka(config, '-backlog').admin();
    this.queues = QUEUE_NAMES.map(
      (name) => new Queue(name, { connection: bullConnection(config), prefix: config.queuePrefix }),
    );
    this.database = new pg.Client({
      connectionString: config.databaseUrl,
      application_name: 'ladder-backlog',
    });
  }

  static async open(config: LadderConfig): Promise<BacklogProbe> {
    const probe = new BacklogProbe(config);
    await Promise.all([probe.admin.connect(), probe.database.connect()]);
    return probe;
  }

  async read(): Promise<Backlog> {
    const topics = INPUT_TOPICS.map((topic) => topicName(this.config.kafka.topicPrefix, topic));
    const scoringLag = await consumerLag(this.admin, this.config.kafka.consumerGroup, topics);
    const { rows } = await this.database.query<{
      outbox: number;
      total: number;
      pending: number;
      sent: number;
      failed: number;
    }>(
      `SELECT (SELECT count(*)::int FROM outbox WHERE published_at IS NULL AND parked_at IS NULL) AS outbox,
              count(*)::int AS total,
              count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS pending,
              count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM notifications`,
    );
    let jobs = 0;
    const soon = Date.now() + SOON_MS;
    for (const queue of this.queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      jobs += Object.values(counts).reduce((sum, count) => sum + count, 0);
      // The next run of a job scheduler (`repeat:…`) and timers far ahead are not work in hand.
      const delayed = await queue.getDelayed(0, 1000);
      jobs += delayed.filter(
        (job) => !job.id?.startsWith('repeat:') && job.timestamp + (job.delay ?? job.opts.delay ?? 0) <= soon,
      ).length;
    }
    const row = rows[0]!;
    return {
      scoringLag,
      outbox: row.outbox,
      jobs,
      emails: { total: row.total, pending: row.pending, sent: row.sent, failed: row.failed },
    };
  }

  /** Nothing left in hand: every input scored, every outbox message published, no job, no e-mail pending. */
  static isIdle(backlog: Backlog): boolean {
    return (
      backlog.scoringLag === 0 && backlog.outbox === 0 && backlog.jobs === 0 && backlog.emails.pending === 0
    );
  }

  async close(): Promise<void> {
    await Promise.all([
      this.admin.disconnect(),
      this.database.end(),
      ...this.queues.map((queue) => queue.close()),
    ]);
  }
}
