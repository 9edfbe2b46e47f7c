import { CONFIG_KEYS, ConfigError, loadConfig, WORKER_ROLES } from '#config';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { parse } from 'yaml';
import {
  describeObject,
  kustomize,
  renderWithComponents,
  schemaErrors,
  unknownFieldErrors,
  type KubernetesObject,
} from './kubernetes/manifest-validation.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const KUBERNETES = join(ROOT, 'deploy', 'kubernetes');
const OVERLAYS = readdirSync(join(KUBERNETES, 'overlays'));

const BUILDS: Array<[string, () => KubernetesObject[]]> = [
  ...OVERLAYS.map((overlay): [string, () => KubernetesObject[]] => [
    `overlays/${overlay}`,
    () => kustomize(join(KUBERNETES, 'overlays', overlay)),
  ]),
  ['overlays/production with every component', renderWithComponents],
];

const podSpecOf = (object: KubernetesObject): IPodSpec | undefined => object.spec?.template?.spec;
const matches = (selector: Record<string, string> = {}, labels: Record<string, string> = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The environment a container of Ladder's sees: its ConfigMaps and Secrets, then its own env. */
function environmentOf(container: IContainer, objects: KubernetesObject[]): Record<string, string> {
  const find = (kind: string, name: string) =>
    objects.find((object) => object.kind === kind && object.metadata.name === name);
  const environment: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(environment, find('ConfigMap', source.configMapRef.name!)?.data);
    if (source.secretRef) Object.assign(environment, find('Secret', source.secretRef.name!)?.stringData);
  }
  for (const variable of container.env ?? []) environment[variable.name] = variable.value ?? '';
  return environment;
}

/** What an operator puts in place of the Secret's placeholders. */
const REAL_SECRETS: Record<string, string> = {
  DATABASE_URL: 'postgres://ladder:secret@postgres.example.com:5432/ladder',
  REDIS_URL: 'redis://:secret@redis.example.com:6379',
  SMTP_URL: 'smtp://ladder:secret@smtp.example.com:587',
  LADDER_ADMIN_TOKEN: 'a-long-random-admin-token-0123456789',
  LADDER_SIGNING_SECRET: 'a-long-random-signing-secret-0123456789abcdef',
};

/** What Node.js itself reads from a container's environment (Ladder does not). */
const NODE_KEYS = ['NODE_OPTIONS'];

/** A Kubernetes memory quantity in MiB: 768Mi, 1Gi, 1536Mi. */
function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

describe.each(BUILDS)('%s', (_name, render) => {
  let objects: KubernetesObject[];
  const all = (kind: string) => objects.filter((object) => object.kind === kind);
  const ladderContainers = () =>
    [...all('Deployment'), ...all('Job')].flatMap((object) =>
      [...(podSpecOf(object)?.initContainers ?? []), ...(podSpecOf(object)?.containers ?? [])].map(
        (container) => ({
          object,
          container,
        }),
      ),
    );

  beforeAll(() => {
    objects = render();
  });

  it('renders with kubectl kustomize into objects that validate against the Kubernetes schemas', async () => {
    expect(objects.length).toBeGreaterThan(10);
    expect(await schemaErrors(objects)).toEqual([]);
  });

  it('has no field the schemas do not know', () => {
    expect(unknownFieldErrors(objects)).toEqual([]);
  });

  it('keeps everything in the ladder namespace, and every name a Ladder object refers to exists there', () => {
    for (const object of objects.filter((object) => object.kind !== 'Namespace')) {
      expect([describeObject(object), object.metadata.namespace]).toEqual([describeObject(object), 'ladder']);
    }
    const names = new Set(objects.map((object) => `${object.kind}/${object.metadata.name}`));
    for (const { object, container } of ladderContainers()) {
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef) expect(names).toContain(`ConfigMap/${source.configMapRef.name}`);
        if (source.secretRef) expect(names).toContain(`Secret/${source.secretRef.name}`);
      }
      for (const volume of podSpecOf(object)?.volumes ?? []) {
        if (volume.configMap) expect(names).toContain(`ConfigMap/${volume.configMap.name}`);
      }
    }
  });

  it('runs the Dockerfile image pinned to a version: the api, the workers and the migration', () => {
    const images = new Set(ladderContainers().map(({ container }) => container.image));
    expect(images.size).toBe(1);
    expect([...images][0]).toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
    const commands = ladderContainers()
      .filter(({ container }) => !container.command)
      .map(({ container }) => container.args?.[0]);
    expect(new Set(commands)).toEqual(new Set(['api', 'worker', 'migrate']));
  });

  it('starts every Deployment only once the migration Job has brought the schema up to date', () => {
    const job = all('Job').find((object) => podSpecOf(object)?.containers[0]?.args?.[0] === 'migrate');
    expect(job).toBeDefined();
    const script = readFileSync(join(KUBERNETES, 'base', 'wait-for-schema.mjs'), 'utf8');
    const scripts = all('ConfigMap').find((object) => object.data?.['wait-for-schema.mjs'] === script);
    expect(scripts).toBeDefined();
    for (const deployment of all('Deployment')) {
      const pod = podSpecOf(deployment)!;
      const [wait] = pod.initContainers ?? [];
      expect([describeObject(deployment), wait?.command]).toEqual([
        describeObject(deployment),
        ['node', '/app/ops/wait-for-schema.mjs'],
      ]);
      expect(wait?.image).toBe(pod.containers[0]!.image);
      expect(wait?.envFrom).toEqual(pod.containers[0]!.envFrom);
      const mount = wait?.volumeMounts?.find((volumeMount) => volumeMount.mountPath === '/app/ops');
      const volume = pod.volumes?.find((candidate) => candidate.name === mount?.name);
      expect(volume?.configMap?.name).toBe(scripts!.metadata.name);
    }
  });

  it("sizes every worker's V8 heap to its memory limit: a burst is collected, not OOM-killed, and the limit is used", () => {
    const workers = ladderContainers().filter(({ container }) => container.args?.[0] === 'worker');
    expect(workers.length).toBeGreaterThan(0);
    for (const { object, container } of workers) {
      const options = environmentOf(container, objects).NODE_OPTIONS ?? '';
      const heap = Number(/--max-old-space-size=(\d+)/.exec(options)?.[1] ?? NaN);
      const limit = mebibytes(String(container.resources?.limits?.memory ?? ''));
      // Outside the old space: the young generation, code, Kafka's fetch buffers (about 170 MB measured).
      expect([describeObject(object), heap <= limit * 0.6 && heap >= Math.max(256, limit * 0.4)]).toEqual([
        describeObject(object),
        true,
      ]);
    }
  });

  it('gives every Ladder container a configuration Ladder accepts, once the Secret holds real values', () => {
    for (const { object, container } of ladderContainers()) {
      const environment = { ...environmentOf(container, objects), ...REAL_SECRETS };
      for (const key of Object.keys(environment)) expect([...CONFIG_KEYS, ...NODE_KEYS]).toContain(key);
      const serveApi = container.args?.[0] === 'api';
      const config = loadConfig(environment, { serveApi });
      const port = container.ports?.find((candidate) => candidate.name === 'http')?.containerPort;
      if (serveApi) expect([describeObject(object), port]).toEqual([describeObject(object), config.port]);
      if (container.args?.[0] === 'worker') {
        expect([describeObject(object), port]).toEqual([describeObject(object), config.workerPort]);
      }
    }
  });

  it('ships only placeholders as secrets, and Ladder refuses to start on them, naming each key', () => {
    const [secret, ...others] = all('Secret');
    expect(others).toEqual([]);
    expect(Object.values(secret!.stringData!).every((value) => value === 'REPLACE_ME')).toBe(true);
    const api = ladderContainers().find(({ container }) => container.args?.[0] === 'api')!;
    let error: unknown;
    try {
      loadConfig(environmentOf(api.container, objects), { serveApi: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.key).sort()).toEqual(
      Object.keys(secret!.stringData!).sort(),
    );
  });

  it('probes the api and the workers on their health endpoints and their own ports', () => {
    for (const deployment of all('Deployment')) {
      const container = podSpecOf(deployment)!.containers[0]!;
      const portNames = (container.ports ?? []).map((port) => port.name);
      for (const [probe, path] of [
        ['startupProbe', '/health/live'],
        ['livenessProbe', '/health/live'],
        ['readinessProbe', '/health/ready'],
      ] as const) {
        expect([describeObject(deployment), probe, container[probe]?.httpGet?.path]).toEqual([
          describeObject(deployment),
          probe,
          path,
        ]);
        expect(portNames).toContain(container[probe]?.httpGet?.port);
      }
    }
  });

  it('sizes and locks down every container, and keeps service variables out of its environment', () => {
    for (const { object, container } of ladderContainers()) {
      const where = `${describeObject(object)} ${container.name}`;
      expect([where, container.resources?.requests?.cpu && container.resources.requests.memory]).toEqual([
        where,
        expect.anything(),
      ]);
      expect([where, container.resources?.limits?.memory]).toEqual([where, expect.anything()]);
      expect([where, container.securityContext]).toEqual([
        where,
        expect.objectContaining({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        }),
      ]);
      const pod = podSpecOf(object)!;
      expect(pod.securityContext).toEqual(
        expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
      );
      // Services named ladder-* would otherwise add LADDER_API_PORT=tcp://… and the like.
      expect(pod.enableServiceLinks).toBe(false);
      expect(pod.automountServiceAccountToken).toBe(false);
    }
  });

  it('runs every worker role in exactly one group', () => {
    const roles = all('Deployment')
      .map((deployment) => podSpecOf(deployment)!.containers[0]!)
      .filter((container) => container.args?.[0] === 'worker')
      .flatMap(
        (container) => loadConfig({ LADDER_ROLES: environmentOf(container, objects).LADDER_ROLES }).roles,
      );
    expect([...roles].sort()).toEqual([...WORKER_ROLES].sort());
  });

  it('gives every Deployment a disruption budget, the api an autoscaler, and every Service pods and ports', () => {
    for (const deployment of all('Deployment')) {
      const labels = deployment.spec.template.metadata.labels as Record<string, string>;
      expect(matches(deployment.spec.selector.matchLabels, labels)).toBe(true);
      const budgets = all('PodDisruptionBudget').filter((budget) =>
        matches(budget.spec.selector.matchLabels, labels),
      );
      expect([describeObject(deployment), budgets.length]).toEqual([describeObject(deployment), 1]);
    }
    const autoscaler = all('HorizontalPodAutoscaler').find(
      (hpa) => hpa.spec.scaleTargetRef.name === 'ladder-api',
    );
    expect(autoscaler?.spec.scaleTargetRef.kind).toBe('Deployment');
    expect(
      all('Deployment').find((deployment) => deployment.metadata.name === 'ladder-api')?.spec.replicas,
    ).toBe(undefined);
    for (const service of all('Service')) {
      const pods = all('Deployment').filter((deployment) =>
        matches(service.spec.selector, deployment.spec.template.metadata.labels),
      );
      expect([describeObject(service), pods.length > 0]).toEqual([describeObject(service), true]);
      for (const port of service.spec.ports as Array<{ targetPort: string }>) {
        for (const pod of pods) {
          expect(podSpecOf(pod)!.containers[0]!.ports?.map((containerPort) => containerPort.name)).toContain(
            port.targetPort,
          );
        }
      }
    }
  });
});

describe('the optional components', () => {
  let objects: KubernetesObject[];
  const one = (kind: string) => objects.find((object) => object.kind === kind)!;

  beforeAll(() => {
    objects = renderWithComponents();
  });

  it('scale the scoring workers with a KEDA ScaledObject on their consumer group lag, read from their own environment', () => {
    const scaledObject = one('ScaledObject');
    const target = objects.find(
      (object) =>
        object.kind === 'Deployment' && object.metadata.name === scaledObject.spec.scaleTargetRef.name,
    );
    expect(target).toBeDefined();
    const container = podSpecOf(target!)!.containers[0]!;
    expect(environmentOf(container, objects).LADDER_ROLES).toBe('scoring');
    expect(scaledObject.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    const [trigger, ...more] = scaledObject.spec.triggers as Array<{
      type: string;
      metadata: Record<string, string>;
    }>;
    expect(more).toEqual([]);
    expect(trigger!.type).toBe('kafka');
    const environment = environmentOf(container, objects);
    expect(environment[trigger!.metadata.bootstrapServersFromEnv!]).toBe(environment.KAFKA_BROKERS);
    expect(environment[trigger!.metadata.consumerGroupFromEnv!]).toBe(
      loadConfig({ ...environment, ...REAL_SECRETS }).kafka.consumerGroup,
    );
    expect(Number(trigger!.metadata.lagThreshold)).toBeGreaterThan(0);
  });

  it('let a ServiceMonitor scrape /metrics on the api and worker Services', () => {
    const monitor = one('ServiceMonitor');
    expect(monitor.spec.endpoints.length).toBeGreaterThan(0);
    const services = objects.filter(
      (object) =>
        object.kind === 'Service' && matches(monitor.spec.selector.matchLabels, object.metadata.labels),
    );
    expect(services.map((service) => service.metadata.name).sort()).toEqual(['ladder-api', 'ladder-workers']);
    for (const endpoint of monitor.spec.endpoints as Array<{ port: string; path: string }>) {
      expect(endpoint.path).toBe('/metrics');
      for (const service of services) {
        expect(service.spec.ports.map((port: { name: string }) => port.name)).toContain(endpoint.port);
      }
    }
  });

  it('load the same alert rules as deploy/observability/alerts.yml into the Prometheus Operator', () => {
    const alerts = parse(
      readFileSync(join(ROOT, 'deploy', 'observability', 'alerts.yml'), 'utf8'),
    ) as unknown;
    expect({ groups: one('PrometheusRule').spec.groups }).toEqual(alerts);
  });

  it('mount a directory file into the api and every worker, and point LADDER_DIRECTORY at it', () => {
    for (const deployment of objects.filter((object) => object.kind === 'Deployment')) {
      const pod = podSpecOf(deployment)!;
      const container = pod.containers[0]!;
      const path = container.env?.find((variable) => variable.name === 'LADDER_DIRECTORY')?.value;
      const mount = container.volumeMounts?.find((volumeMount) =>
        path?.startsWith(`${volumeMount.mountPath}/`),
      );
      const volume = pod.volumes?.find((candidate) => candidate.name === mount?.name);
      const directory = objects.find((object) => object.metadata.name === volume?.configMap?.name);
      const file = path?.slice(`${mount?.mountPath}/`.length) ?? '';
      expect([describeObject(deployment), typeof directory?.data?.[file]]).toEqual([
        describeObject(deployment),
        'string',
      ]);
    }
  });
});

describe('wait-for-schema.mjs, the init container', () => {
  it('resolves #config and #persistence from the build, as in the image, and stops on invalid configuration', () => {
    const result = spawnSync(process.execPath, [join(KUBERNETES, 'base', 'wait-for-schema.mjs')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: 'REPLACE_ME' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toContain('DATABASE_URL: must be a URL');
    expect(result.status).toBe(2);
  });
});
