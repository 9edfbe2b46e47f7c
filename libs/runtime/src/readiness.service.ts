import { LADDER_CONFIG, type LadderConfig } from '#config';
import { QUEUE_NAMES } from '#contracts';
import { KafkaClient } from '#messaging';
import { HealthChecks, type HealthCheck, type Readiness } from '#observability';
import { JobQueueService } from '#queues';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';

export type { CheckResult, Readiness } from '#observability';

/**
 * Is this process able to work, and is the whole loop served? A process is ready when PostgreSQL, Redis and
 * Kafka answer and every part it runs registered a passing check (its consumer joined, its queues have
 * their worker). The loop is served when the scoring group has members and every queue has a worker
 * somewhere: a queue without one is jobs that silently never run.
 */
@Injectable()
export class ReadinessService implements OnApplicationShutdown {
  private admin: Promise<Admin> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
    private readonly kafka: KafkaClient,
    private readonly checks: HealthChecks,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** This process: the services it needs, and whatever its parts registered. */
  readiness(): Promise<Readiness> {
    return this.checks.run(this.serviceChecks());
  }

  /** The whole loop, whichever processes serve it. */
  loop(): Promise<Readiness> {
    const loop: Array<[string, HealthCheck]> = [
      ['scoring-consumer-group', () => this.consumerGroup()],
      ...QUEUE_NAMES.map((name): [string, HealthCheck] => [
        `queue:${name}`,
        async () => {
          const workers = await this.jobs.queue(name).getWorkersCount();
          if (workers === 0) throw new Error('no worker is consuming this queue');
          return `${workers} worker(s)`;
        },
      ]),
    ];
    return new HealthChecks().run(loop);
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = await this.admin?.catch(() => null);
    await admin?.disconnect();
  }

  private serviceChecks(): Array<[string, HealthCheck]> {
    return [
      ['database', async () => void (await this.dataSource.query('SELECT 1'))],
      ['redis', async () => void (await this.jobs.queue('notifications').getJobCounts('waiting'))],
      [
        'kafka',
        async () => `${(await (await this.kafkaAdmin()).describeCluster()).brokers.length} broker(s)`,
      ],
    ];
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
