import { CONFIG_KEYS, CONTRACT_CONFIG_KEYS, loadConfig } from '#config';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  healthcheck?: { test: string[] };
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

/** A service's volumes as source and target; a bind mount's source resolved in the repository. */
function mounts(service: string): Array<{ source: string; target: string; bind: boolean }> {
  return (compose.services[service]?.volumes ?? []).map((volume) => {
    const [source = '', target = ''] = volume.split(':');
    const bind = source.startsWith('./');
    return { source: bind ? join(ROOT, source) : source, target, bind };
  });
}

/** Where a file or folder of the repository appears inside a service's container. */
function targetOf(service: string, repositoryPath: string): string | undefined {
  const mount = mounts(service).find((candidate) => candidate.source === join(ROOT, repositoryPath));
  return mount?.target;
}

/** The secrets an operator puts in `.env`: compose fills `${NAME:?…}` with them. */
const OPERATOR_SECRETS: Record<string, string> = {
  LADDER_ADMIN_TOKEN: 'f3a91c07d2b84e6a9c15d0e7b2a4c8f1',
  LADDER_SIGNING_SECRET: 'Xq7Lm2Vt9Rk4Pz8Wn1Bc6Hd3Jf5Gs0Ay',
};

function interpolate(value: string): string {
  return value.replace(/\$\{(\w+):\?[^}]*\}/g, (_match, name: string) => OPERATOR_SECRETS[name] ?? '');
}

describe('docker-compose.yml', () => {
  it('holds no usable secret: compose refuses to start until the operator sets each one', () => {
    const environment = compose.services.api!.environment!;
    for (const key of Object.keys(OPERATOR_SECRETS)) {
      expect(String(environment[key])).toMatch(new RegExp(`^\\$\\{${key}:\\?.+\\}$`));
    }
  });

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
      // And, with the operator's secrets filled in, it is a configuration Ladder accepts.
      const env = Object.fromEntries(
        Object.entries(environment).map(([key, value]) => [key, interpolate(String(value))]),
      );
      expect(() => loadConfig(env, { serveApi: true, runWorker: true })).not.toThrow();
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

describe('docker-compose.yml, Kafka', () => {
  it('keeps its log, the topics, on its volume, so they survive the container being recreated', () => {
    const { kafka } = compose.services;
    const data = mounts('kafka').find((mount) => mount.source === 'kafka-data');
    expect(compose.volumes).toHaveProperty('kafka-data');
    // The apache/kafka image writes to /tmp/kraft-combined-logs unless KAFKA_LOG_DIRS says otherwise.
    expect(kafka?.environment?.KAFKA_LOG_DIRS).toBe(data?.target);
    // A fixed cluster id: the stored log only starts under the cluster it was formatted for.
    expect(String(kafka?.environment?.CLUSTER_ID)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('docker-compose.yml, observability', () => {
  const prometheusConfig = parse(readFileSync(join(ROOT, 'deploy/observability/prometheus.yml'), 'utf8')) as {
    rule_files: string[];
    scrape_configs: Array<{ job_name: string; dns_sd_configs?: Array<{ names: string[]; port: number }> }>;
  };

  it('mounts only files of the repository that exist', () => {
    for (const service of Object.keys(compose.services)) {
      for (const mount of mounts(service).filter((candidate) => candidate.bind)) {
        expect([service, mount.source, existsSync(mount.source)]).toEqual([service, mount.source, true]);
      }
    }
  });

  it('runs Prometheus with deploy/observability/prometheus.yml and the alert rules beside it', () => {
    const { prometheus } = compose.services;
    expect(prometheus?.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    const configFile = targetOf('prometheus', 'deploy/observability/prometheus.yml');
    expect(prometheus?.command).toContain(`--config.file=${configFile}`);
    // Rule files are found relative to the configuration file.
    for (const ruleFile of prometheusConfig.rule_files) {
      expect(targetOf('prometheus', `deploy/observability/${ruleFile}`)).toBe(
        posix.join(posix.dirname(configFile!), ruleFile),
      );
    }
    expect(
      mounts('prometheus').some((mount) => !mount.bind && compose.volumes[mount.source] !== undefined),
    ).toBe(true);
  });

  it('scrapes the api and worker services on the ports their configuration gives them', () => {
    const ports: Record<string, number> = {
      api: loadConfig(asEnvironment('api'), { serveApi: true }).port,
      worker: loadConfig(asEnvironment('worker')).workerPort,
    };
    const scraped = Object.fromEntries(
      prometheusConfig.scrape_configs.flatMap((job) =>
        (job.dns_sd_configs ?? []).flatMap((discovery) =>
          discovery.names.map((name) => [name, discovery.port]),
        ),
      ),
    );
    expect(scraped).toEqual(ports);
    // The worker's healthcheck asks the same port.
    expect(compose.services.worker?.healthcheck?.test.join(' ')).toContain(`:${ports.worker}/health/live`);
  });

  it('runs Grafana with Prometheus as its data source and the Ladder dashboard provisioned', () => {
    const { grafana } = compose.services;
    expect(grafana?.image).toMatch(/^grafana\/grafana:\d+\.\d+\.\d+$/);
    const provisioning = 'deploy/observability/grafana/provisioning';
    expect(targetOf('grafana', provisioning)).toBe('/etc/grafana/provisioning');
    const datasources = parse(
      readFileSync(join(ROOT, provisioning, 'datasources/prometheus.yml'), 'utf8'),
    ) as {
      datasources: Array<{ type: string; url: string }>;
    };
    expect(datasources.datasources).toContainEqual(
      expect.objectContaining({ type: 'prometheus', url: 'http://prometheus:9090' }),
    );
    const providers = parse(readFileSync(join(ROOT, provisioning, 'dashboards/ladder.yml'), 'utf8')) as {
      providers: Array<{ options: { path: string } }>;
    };
    const dashboards = targetOf('grafana', 'deploy/observability/grafana/dashboards');
    expect(providers.providers.map((provider) => provider.options.path)).toEqual([dashboards]);
    const home = String(grafana?.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH);
    expect(
      existsSync(join(ROOT, 'deploy/observability/grafana/dashboards', posix.relative(dashboards!, home))),
    ).toBe(true);
  });
});

function asEnvironment(service: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(compose.services[service]!.environment!).map(([key, value]) => [key, String(value)]),
  );
}
