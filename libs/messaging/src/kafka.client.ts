import { LADDER_CONFIG, type LadderConfig } from '#config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';

const kafkaLogger = new Logger('kafkajs');

/**
 * kafkajs logs through Nest's logger, warnings and errors only: its info lines are noise in production.
 * An error response from a broker (`Response …`, such as a leader moving) is retried by kafkajs itself,
 * so it is a warning; only errors kafkajs gives up on are errors.
 */
const nestLogCreator: logCreator = () => (entry: LogEntry) => {
  const { message, ...extra } = entry.log;
  const line = { message, namespace: entry.namespace, ...extra };
  const retriedByKafkajs = typeof message === 'string' && message.startsWith('Response ');
  if (entry.level === logLevel.ERROR && !retriedByKafkajs) kafkaLogger.error(line);
  else if (entry.level <= logLevel.WARN) kafkaLogger.warn(line);
};

/** The one kafkajs client of a process; producers, consumers and the admin client come from it. */
@Injectable()
export class KafkaClient {
  readonly kafka: Kafka;

  constructor(@Inject(LADDER_CONFIG) config: LadderConfig) {
    this.kafka = createKafka(config);
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
