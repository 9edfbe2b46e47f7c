import { CONFIG_KEYS, CONTRACT_CONFIG_KEYS, loadConfig } from '#config';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, ComposeService>;
};

describe('docker-compose.yml', () => {
  it('runs Kafka from the official apache/kafka image in KRaft mode, PostgreSQL, Redis and an SMTP catcher', () => {
    const { kafka, postgres, redis } = compose.services;
    expect(kafka?.image).toMatch(/^apache\/kafka:\d/);
    expect(kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(postgres?.image).toMatch(/^postgres:/);
    expect(redis?.image).toMatch(/^redis:/);
    expect(compose.services['smtp-catcher']?.image).toMatch(/maildev/);
  });

  it('builds the api and the worker from the Dockerfile, after migrating', () => {
    for (const name of ['api', 'worker']) {
      const service = compose.services[name]!;
      expect(service.build).toBeDefined();
      expect(service.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    }
    expect(compose.services.api?.command).toEqual(['api']);
    expect(compose.services.worker?.command).toEqual(['worker']);
  });

  it.each(['api', 'worker', 'migrate'])(
    'wires the environment of DESIGN.md §4.1 into %s, and nothing Ladder does not read',
    (name) => {
      const environment = compose.services[name]!.environment!;
      const keys = Object.keys(environment);
      for (const key of CONTRACT_CONFIG_KEYS) expect(keys).toContain(key);
      for (const key of keys) expect(CONFIG_KEYS).toContain(key);
      // And it is a configuration Ladder accepts.
      const env = Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
      expect(() => loadConfig(env, { serveApi: true })).not.toThrow();
    },
  );

  it('points Ladder at the services of the same file', () => {
    const environment = compose.services.api!.environment!;
    const hosts = [
      environment.KAFKA_BROKERS,
      environment.DATABASE_URL,
      environment.REDIS_URL,
      environment.SMTP_URL,
    ].join(' ');
    for (const service of ['kafka', 'postgres', 'redis', 'smtp-catcher']) expect(hosts).toContain(service);
  });
});
