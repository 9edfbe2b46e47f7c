import { LADDER_CONFIG, type LadderConfig } from '#config';
import { QUEUE_NAMES } from '#contracts';
import { KafkaClient } from '#messaging';
import { HealthChecks, type HealthCheck, type Readiness } from '#observability';
import { JobQueueService } from '#queues';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type { CheckResult, Readiness } from '#observability';

/**
 * Is this process able to work, and is the whole loop served? A process is ready when PostgreSQL, Redis and
 * Kafka answer and every part it runs registered a passing check (its consumer joined, its queues have
 * their worker). The loop is served when the scoring group has members and every queue has a worker
 * somewhere: a queue without one is jobs that silently never run.
 */
@Injectable()
export class ReadinessService {
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
          const workers = await this.jobs.bounded(this.jobs.queue(name).getWorkersCount(), 'Redis');
          if (workers === 0) throw new Error('no worker is consuming this queue');
          return `${workers} worker(s)`;
        },
      ]),
    ];
    return new HealthChecks().run(loop);
  }

  private serviceChecks(): Array<[string, HealthCheck]> {
    return [
      ['database', async () => void (await this.dataSource.query('SELECT 1'))],
      [
        'redis',
        async () =>
          void (await this.jobs.bounded(this.jobs.queue('notifications').getJobCounts('waiting'), 'Redis')),
      ],
      [
        'kafka',
        async () => `${(await (await this.kafka.admin()).describeCluster()).brokers.length} broker(s)`,
      ],
    ];
  }

  private async consumerGroup(): Promise<string> {
    const { groups } = await (await this.kafka.admin()).describeGroups([this.config.kafka.consumerGroup]);
    const group = groups[0];
    if (!group || group.members.length === 0) {
      throw new Error(
        `consumer group ${this.config.kafka.consumerGroup} has no members (state ${group?.state ?? 'unknown'})`,
      );
    }
    return `${group.state}, ${group.members.length} member(s)`;
  }
}
