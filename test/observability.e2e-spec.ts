import { loadConfig } from '#config';
import { startWorker } from '#server';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  ensureDebianCommand,
  eventually,
  freePort,
  produce,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { produceAnswers } from './support/feedback.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

const ALERT_RULES = join(import.meta.dirname, '..', 'deploy', 'observability', 'alerts.yml');

/** `name{a="x",b="y"} 3` lines of Prometheus text, summed over the series matching `labels`. */
function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const series = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => series[key] === value)) total += Number(match[3]);
  }
  return total;
}

describe('metrics a real Prometheus scrapes, and each process its own health', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let prometheus: ChildProcess | undefined;
  let prometheusDirectory: string;
  const detractors = 6;
  const others = 9;
  const invalid = 2;
  const repeats = 3;

  beforeAll(async () => {
    environment = await createTestEnvironment('metrics');
    await createTopics(environment.config);
    const answers = Array.from({ length: detractors + others }, (_, index) => ({
      eventId: `s-metrics-${index}`,
      customerId: `c-metrics-${index}`,
      storeId: 'kiosk-metrics',
      score: index < detractors ? 2 : 7 + (index % 4),
    }));
    await produceAnswers(environment.config, answers);
    // Delivered again (the producer retried): counted as repeats, never twice.
    await produceAnswers(environment.config, answers.slice(0, repeats));
    await produce(
      environment.config,
      'surveys',
      Array.from({ length: invalid }, (_, index) => ({
        key: `c-bad-${index}`,
        value: JSON.stringify({ eventId: `s-bad-${index}`, score: 11 }),
      })),
    );
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
  });

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    if (prometheusDirectory) rmSync(prometheusDirectory, { recursive: true, force: true });
    await ladder?.stop();
    await environment?.cleanup();
  });

  it('counts what the traffic did: events by outcome, jobs, e-mails, cases, latency, and no backlog left', async () => {
    const response = await fetch(`${ladder.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const consumed = (outcome: string) =>
      metricValue(text, 'ladder_events_consumed_total', { topic: 'surveys', outcome });
    expect(consumed('accepted')).toBe(detractors + others);
    // At least the repeats produced; a batch redelivered after a rebalance at start-up repeats too.
    expect(consumed('repeat')).toBeGreaterThanOrEqual(repeats);
    expect(consumed('dead_lettered')).toBe(invalid);
    expect(metricValue(text, 'ladder_events_dead_lettered_total', { reason: 'invalid-event' })).toBe(invalid);
    expect(metricValue(text, 'ladder_batch_size_count')).toBeGreaterThan(0);
    expect(metricValue(text, 'ladder_batch_size_sum')).toBe(
      consumed('accepted') + consumed('repeat') + consumed('dead_lettered'),
    );
    // The detractors of a scored batch open their cases in one job: as many jobs as batches that had any.
    const openingJobs = metricValue(text, 'ladder_jobs_total', {
      queue: 'follow-up',
      job_name: 'open-follow-up-cases',
      outcome: 'completed',
    });
    expect(openingJobs).toBeGreaterThanOrEqual(1);
    expect(openingJobs).toBeLessThanOrEqual(detractors);
    expect(metricValue(text, 'ladder_emails_total', { kind: 'case-alert', status: 'sent' })).toBe(detractors);
    expect(metricValue(text, 'ladder_emails_total', { kind: 'unknown-store', status: 'sent' })).toBe(1);
    expect(metricValue(text, 'ladder_detractor_case_latency_seconds_count')).toBe(detractors);
    expect(metricValue(text, 'ladder_detractor_alert_latency_seconds_count')).toBe(detractors);
    // Every case opened within the minute it took; none is older than the test.
    expect(metricValue(text, 'ladder_detractor_case_latency_seconds_bucket', { le: '60' })).toBe(detractors);
    expect(metricValue(text, 'ladder_cases', { status: 'open' })).toBe(detractors);
    expect(metricValue(text, 'ladder_cases_overdue')).toBe(0);
    expect(metricValue(text, 'ladder_consumer_lag')).toBe(0);
    expect(text).toMatch(/^ladder_consumer_lag\{topic="[^"]+\.surveys\.v1",partition="0"\} 0$/m);
    expect(metricValue(text, 'ladder_outbox_backlog')).toBe(0);
    expect(metricValue(text, 'ladder_queue_workers', { queue: 'notifications' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, 'ladder_queue_jobs', { queue: 'follow-up', state: 'failed' })).toBe(0);
    expect(metricValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // Labels name kinds, queues and topics, never people.
    expect(text).not.toMatch(/c-metrics-|@example\.com/);
  });

  it('is scraped by a real Prometheus, whose queries see the same figures', async () => {
    const binary = ensureDebianCommand('/usr/bin/prometheus', 'prometheus');
    prometheusDirectory = mkdtempSync(join(tmpdir(), 'ladder-prometheus-'));
    const port = await freePort();
    const target = new URL(ladder.url).host;
    writeFileSync(
      join(prometheusDirectory, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        ...(existsSync(ALERT_RULES) ? [`rule_files: ['${ALERT_RULES}']`] : []),
        'scrape_configs:',
        `  - job_name: ladder-api`,
        `    static_configs: [{ targets: ['${target}'] }]`,
      ].join('\n'),
    );
    prometheus = spawn(
      binary,
      [
        `--config.file=${join(prometheusDirectory, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(prometheusDirectory, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const query = async (promql: string): Promise<number | null> => {
      const response = await fetch(
        `http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(promql)}`,
      ).catch(() => null);
      if (!response?.ok) return null;
      const body = (await response.json()) as { data: { result: Array<{ value: [number, string] }> } };
      const sample = body.data.result[0];
      return sample ? Number(sample.value[1]) : null;
    };
    await eventually(
      async () => {
        expect(await query('up{job="ladder-api"}')).toBe(1);
        expect(await query('sum(ladder_events_consumed_total{outcome="accepted"})')).toBe(
          detractors + others,
        );
        expect(await query('sum(ladder_events_dead_lettered_total)')).toBe(invalid);
        expect(await query('max(sum by (instance) (ladder_consumer_lag))')).toBe(0);
        expect(await query('sum(ladder_emails_total{kind="case-alert",status="sent"})')).toBe(detractors);
        expect(await query('sum(ladder_detractor_alert_latency_seconds_count)')).toBe(detractors);
        expect(
          await query('histogram_quantile(0.99, sum by (le) (ladder_detractor_case_latency_seconds_bucket))'),
        ).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    if (existsSync(ALERT_RULES)) {
      // The rules load, and none fires on a quiet, healthy Ladder.
      const rules = (await (await fetch(`http://127.0.0.1:${port}/api/v1/rules`)).json()) as {
        data: { groups: Array<{ rules: Array<{ name: string; state: string }> }> };
      };
      const loaded = rules.data.groups.flatMap((group) => group.rules);
      expect(loaded.length).toBeGreaterThan(0);
      expect(loaded.filter((rule) => rule.state === 'firing').map((rule) => rule.name)).toEqual([]);
    }
  });

  it('runs worker roles alone with their own port for metrics and health', async () => {
    const workerPort = await freePort();
    const config = loadConfig({
      ...environment.env,
      LADDER_ROLES: 'maintenance',
      LADDER_WORKER_PORT: String(workerPort),
    });
    let worker: INestApplicationContext | undefined;
    try {
      worker = await startWorker(config);
      const base = `http://127.0.0.1:${workerPort}`;
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const ready = await eventually(async () => {
        const response = await fetch(`${base}/health/ready`);
        expect(response.status).toBe(200);
        return (await response.json()) as { checks: Record<string, { status: string }> };
      });
      // Its own parts: the services it uses and the one queue it serves, not the whole loop.
      expect(Object.keys(ready.checks).sort()).toEqual(['database', 'kafka', 'queue:maintenance', 'redis']);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain('process_resident_memory_bytes');
      expect(metrics).toContain('# TYPE ladder_jobs_total counter');
      expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    } finally {
      await worker?.close();
    }
  });

  it("tells the API's own readiness apart from whether the whole loop is served", async () => {
    const loop = await callApi<{ status: string; checks: Record<string, unknown> }>(
      ladder.url,
      '/health/loop',
      {
        token: null,
      },
    );
    expect(loop.status).toBe(200);
    expect(Object.keys(loop.body.checks)).toEqual(
      expect.arrayContaining(['scoring-consumer-group', 'queue:follow-up', 'queue:notifications']),
    );
  });
});
