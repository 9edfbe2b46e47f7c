import { LADDER_CONFIG, type LadderConfig } from '#config';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel, type Admin, type LogEntry, type logCreator } from 'kafkajs';

const kafkaLogger = new Logger('kafkajs');

/**
 * kafkajs logs through Nest's logger, warnings and errors only: its info lines are noise in production.
 * An error response from a broker (`Response …`, such as a leader moving) and a produce that failed on
 * stale metadata (`Failed to send messages: …`, such as "not the leader" just after a topic was created)
 * are retried by kafkajs itself, so they are warnings; when the retries run out the caller gets the error
 * and reports it. Only errors kafkajs gives up on are errors.
 */
const RETRIED_BY_KAFKAJS = /^(Response |Failed to send messages: )/;

const nestLogCreator: logCreator = () => (entry: LogEntry) => {
  const { message, ...extra } = entry.log;
  const line = { message, namespace: entry.namespace, ...extra };
  const retriedByKafkajs = typeof message === 'string' && RETRIED_BY_KAFKAJS.test(message);
  if (entry.level === logLevel.ERROR && !retriedByKafkajs) kafkaLogger.error(line);
  else if (entry.level <= logLevel.WARN) kafkaLogger.warn(line);
};

/** The one kafkajs client of a process; producers, consumers and the admin client come from it. */
@Injectable()
export class KafkaClient implements OnApplicationShutdown {
  readonly kafka: Kafka;
  private sharedAdmin: Promise<Admin> | null = null;

  constructor(@Inject(LADDER_CONFIG) config: LadderConfig) {
    this.kafka = createKafka(config);
  }

  /**
   * The process's admin client for reading the cluster (health, metrics), connected once even when several
   * ask at the same moment, and again after a failed connection.
   */
  admin(): Promise<Admin> {
    this.sharedAdmin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    this.sharedAdmin.catch(() => {
      this.sharedAdmin = null;
    });
    return this.sharedAdmin;
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = await this.sharedAdmin?.catch(() => null);
    this.sharedAdmin = null;
    await admin?.disconnect();
  }
}

export function createKafka(config: LadderConfig, clientSuffix = ''): Kafka {
  return new Kafka({
    clientId: `${config.kafka.clientId}${clientSuffix}`,
    brokers: config.kafka.brokers,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 30_000 },
  });
}
