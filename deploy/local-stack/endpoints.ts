/** Where the local stack's services listen; Ladder's defaults (DESIGN.md §4.1) point here. */
export const LOCAL_STACK = {
  postgres: { host: '127.0.0.1', port: 5432, user: 'postgres' },
  redis: { host: '127.0.0.1', port: 6379 },
  kafka: { host: '127.0.0.1', port: 9092, controllerPort: 9093 },
  smtp: { host: '127.0.0.1', port: 1025, webPort: 1080 },
} as const;

export const LOCAL_DATABASE_URL = `postgres://${LOCAL_STACK.postgres.user}@${LOCAL_STACK.postgres.host}:${LOCAL_STACK.postgres.port}/ladder`;
export const LOCAL_SMTP_URL = `smtp://${LOCAL_STACK.smtp.host}:${LOCAL_STACK.smtp.port}`;
export const LOCAL_SMTP_WEB_URL = `http://${LOCAL_STACK.smtp.host}:${LOCAL_STACK.smtp.webPort}`;
export const LOCAL_KAFKA_BROKERS = `${LOCAL_STACK.kafka.host}:${LOCAL_STACK.kafka.port}`;
export const LOCAL_REDIS_URL = `redis://${LOCAL_STACK.redis.host}:${LOCAL_STACK.redis.port}`;

export interface ServiceReport {
  name: string;
  where: string;
  /** `started` by this run, `running` already, or `stopped`. */
  status: 'started' | 'running' | 'stopped';
  readyInMs?: number;
}
