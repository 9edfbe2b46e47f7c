import { LADDER_CONFIG, type LadderConfig } from '#config';
import { QUEUE_NAMES } from '#contracts';
import { KafkaClient } from '#messaging';
import { JobQueueService } from '#queues';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';

export interface CheckResult {
  status: 'ok' | 'fail';
  detail?: string;
}

export interface Readiness {
  status: 'ok' | 'fail';
  checks: Record<string, CheckResult>;
}

const CHECK_TIMEOUT_MS = 3_000;

/**
 * Is the whole loop able to work? The database, Redis and Kafka answer, the scoring consumer group has
 * members, and every queue has at least one worker (a queue without one is jobs that silently never run).
 */
@Injectable()
export class ReadinessService implements OnApplicationShutdown {
  private admin: Promise<Admin> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
    private readonly kafka: KafkaClient,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async readiness(): Promise<Readiness> {
    const checks: Array<[string, () => Promise<string | undefined>]> = [
      ['database', async () => void (await this.dataSource.query('SELECT 1'))],
      ['redis', async () => void (await this.jobs.queue('notifications').getJobCounts('waiting'))],
      [
        'kafka',
        async () => `${(await (await this.kafkaAdmin()).describeCluster()).brokers.length} broker(s)`,
      ],
      ['scoring-consumer-group', () => this.consumerGroup()],
      ...QUEUE_NAMES.map((name): [string, () => Promise<string | undefined>] => [
        `queue:${name}`,
        async () => {
          const workers = await this.jobs.queue(name).getWorkersCount();
          if (workers === 0) throw new Error('no worker is consuming this queue');
          return `${workers} worker(s)`;
        },
      ]),
    ];
    const results = await Promise.all(
      checks.map(async ([name, check]) => [name, await runCheck(check)] as const),
    );
    const byName = Object.fromEntries(results);
    return {
      status: results.every(([, result]) => result.status === 'ok') ? 'ok' : 'fail',
      checks: byName,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = await this.admin?.catch(() => null);
    await admin?.disconnect();
  }

  private async consumerGroup(): Promise<string> {
    const { groups } = await (await this.kafkaAdmin()).describeGroups([this.config.kafka.consumerGroup]);
    const group = groups[0];
    if (!group || group.members.length === 0) {
      throw new Error(
        `consumer group ${this.config.kafka.consumerGroup} has no members (state ${group?.state ?? 'unknown'})`,
      );
    }
    return `${group.state}, ${group.members.length} member(s)`;
  }

  /** One admin client, connected once even when several checks ask for it at the same moment. */
  private kafkaAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.kafka.admin();
      await admin.connect();
      return admin;
    })();
    this.admin.catch(() => {
      this.admin = null;
    });
    return this.admin;
  }
}

async function runCheck(check: () => Promise<string | undefined>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    const detail = await Promise.race([check(), timeout]);
    return detail ? { status: 'ok', detail } : { status: 'ok' };
  } catch (error) {
    return { status: 'fail', detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
