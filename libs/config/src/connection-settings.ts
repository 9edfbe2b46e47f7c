import type { EnvironmentReader } from './environment-reader.js';
import type { LadderConfig } from './ladder-config.js';

// The settings of the systems Ladder connects to: Kafka, PostgreSQL, Redis and SMTP.

export function readTopicPrefix(reader: EnvironmentReader): string {
  return reader.pattern(
    'KAFKA_TOPIC_PREFIX',
    'ladder',
    /^[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,100}$/,
    'must be letters, digits, ".", "_" or "-"',
  );
}

export function readBrokers(reader: EnvironmentReader): string[] {
  const brokers = reader
    .text('KAFKA_BROKERS', '127.0.0.1:9092')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0 || brokers.some((broker) => !/^[^\s:]+:\d{1,5}$/.test(broker))) {
    reader.report('KAFKA_BROKERS', 'must be a comma-separated list of host:port');
  }
  return brokers;
}

/** The rest of the Kafka settings; the topic prefix and brokers are read first, as the others build on them. */
export function readKafka(
  reader: EnvironmentReader,
  topicPrefix: string,
  brokers: string[],
): LadderConfig['kafka'] {
  return {
    brokers,
    topicPrefix,
    clientId: reader.text('KAFKA_CLIENT_ID', 'ladder'),
    consumerGroup: reader.text('KAFKA_CONSUMER_GROUP', `${topicPrefix}.scoring`),
    topicPartitions: reader.integer('KAFKA_TOPIC_PARTITIONS', 6, 1, 10_000),
    replicationFactor: reader.integer('KAFKA_REPLICATION_FACTOR', 1, 1, 16),
  };
}

export function readStores(
  reader: EnvironmentReader,
  topicPrefix: string,
): Pick<LadderConfig, 'databaseUrl' | 'redisUrl' | 'queuePrefix' | 'smtpUrl' | 'mailFrom'> {
  return {
    databaseUrl: reader.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/ladder', [
      'postgres:',
      'postgresql:',
    ]),
    redisUrl: reader.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: reader.pattern(
      'LADDER_QUEUE_PREFIX',
      topicPrefix,
      /^[a-zA-Z0-9_.-]{1,100}$/,
      'must be letters, digits, ".", "_" or "-"',
    ),
    smtpUrl: reader.url('SMTP_URL', 'smtp://127.0.0.1:1025', ['smtp:', 'smtps:']),
    mailFrom: reader.text('MAIL_FROM', 'Ladder <ladder@localhost>'),
  };
}
