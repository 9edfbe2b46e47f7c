import { loadConfig } from '#config';
import { LOCAL_DATABASE_URL } from '#local-stack';
import { dropDatabase, removeNamespace } from '#testing';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { BenchFigure, BenchMeasurements } from '../apps/cli/src/commands/bench/bench-figures.js';
import type { WhereTimeGoes } from '../apps/cli/src/commands/bench/where-time-goes.js';
import { ladder } from './support/cli.js';

interface BenchReport {
  machine: { cpus: number };
  measured: BenchMeasurements;
  figures: BenchFigure[];
  whereTimeGoes: WhereTimeGoes;
}

/**
 * `ladder bench` on a small run, on the local stack: not how fast (a test never times), but that what it
 * prints and writes is its measurements' arithmetic, and that its counts are what the database holds.
 */
describe('ladder bench', () => {
  const namespace = `t-bench-${randomBytes(3).toString('hex')}`;
  const databaseUrl = (suffix = '') =>
    LOCAL_DATABASE_URL.replace(/\/ladder$/, `/${`${namespace}${suffix}`.replaceAll('-', '_')}`);
  const json = join(tmpdir(), `${namespace}.json`);

  afterAll(async () => {
    const config = loadConfig({
      DATABASE_URL: databaseUrl(),
      KAFKA_TOPIC_PREFIX: namespace,
      LADDER_QUEUE_PREFIX: namespace,
    });
    await removeNamespace(config);
    for (const suffix of ['-scoring', '-workers']) await dropDatabase(databaseUrl(suffix));
    rmSync(json, { force: true });
  });

  it('prints each figure beside its baseline, and writes the same figures as JSON, counted right', async () => {
    const run = await ladder(
      [
        'bench',
        ...['--events', '1500', '--customers', '300', '--rates', '40', '--latency-seconds', '3'],
        ...['--workers', '2', '--namespace', namespace, '--json', json],
      ],
      {},
      900_000,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    const { measured, figures } = report;
    for (const figure of figures) expect(run.stdout).toContain(figure.label);

    // The arithmetic: rates from counts over time, every ratio the figure over its baseline.
    const byId = new Map(figures.map((figure) => [figure.id, figure]));
    const rate = (span: { count: number; ms: number }) => (span.count * 1000) / span.ms;
    expect(measured.events).toBe(1_500);
    expect(byId.get('committed.allRoles')!.value).toBeCloseTo(rate(measured.allRoles.committed), 6);
    expect(byId.get('committed.allRoles')!.baseline!.value).toBeCloseTo(rate(measured.rawConsumer), 6);
    expect(byId.get('committed.scoring')!.value).toBeCloseTo(rate(measured.scoring), 6);
    expect(byId.get('committed.workers2')!.value).toBeCloseTo(rate(measured.workers!.committed), 6);
    expect(byId.get('rebuild')!.value).toBeCloseTo(rate(measured.rebuild!.ladder), 6);
    for (const figure of figures.filter((item) => item.baseline))
      expect(figure.ratio).toBeCloseTo(figure.value / figure.baseline!.value, 9);
    const [paced] = measured.latency;
    expect(paced!.rate).toBe(40);
    expect(paced!.probeMs).toHaveLength(120);
    const sorted = [...paced!.caseMs].sort((a, b) => a - b);
    expect(byId.get('latency.case.p50@40')!.value).toBe(sorted[Math.ceil(sorted.length * 0.5) - 1]);
    expect(byId.get('latency.case.p99@40')!.value).toBe(sorted[Math.ceil(sorted.length * 0.99) - 1]);
    expect(measured.memory.peakMb).toBeGreaterThanOrEqual(measured.memory.idleMb * 0.5);
    expect(measured.memory.nodeIdleMb).toBeGreaterThan(0);

    // Where the time went: each stage's count is the run's, and none ended after everything was done.
    expect(run.stdout).toContain('Where the time goes');
    const stage = (name: string) => report.whereTimeGoes.stages.find((item) => item.stage === name)!;
    expect(stage('cases opened').count).toBe(measured.allRoles.cases.count);
    expect(stage('case-alert e-mails accepted').count).toBe(measured.allRoles.alerts.count);
    expect(stage('invitations decided').count).toBe(measured.allRoles.invitations.count);
    const done = stage('everything done').lastAtSeconds!;
    for (const item of report.whereTimeGoes.stages) expect(item.lastAtSeconds ?? 0).toBeLessThanOrEqual(done);
    for (const phase of Object.values(report.whereTimeGoes.cpu))
      for (const cores of Object.values(phase)) expect(cores).toBeGreaterThanOrEqual(0);

    // The counts: what the database of the run holds.
    const database = new pg.Client({ connectionString: databaseUrl() });
    await database.connect();
    try {
      const count = async (sql: string) => Number((await database.query<{ n: string }>(sql)).rows[0]!.n);
      expect(measured.allRoles.cases.count).toBe(
        await count(`SELECT count(*) AS n FROM follow_up_cases WHERE opened_by_event_id LIKE 'bench-load-%'`),
      );
      expect(measured.allRoles.cases.count).toBeGreaterThan(0);
      expect(measured.allRoles.alerts.count).toBe(
        await count(`SELECT count(*) AS n FROM notifications n JOIN follow_up_cases c ON c.id = (n.subject_ids->>'caseId')::uuid
                      WHERE n.kind = 'case-alert' AND n.status = 'sent' AND c.opened_by_event_id LIKE 'bench-load-%'`),
      );
      expect(paced!.caseMs.length).toBe(
        await count(`SELECT count(*) AS n FROM case_answers WHERE survey_event_id LIKE 'bench-paced40-%'`),
      );
      expect(paced!.caseMs.length).toBeGreaterThan(0);
      expect(paced!.alertMs.length).toBe(
        await count(
          `SELECT count(*) AS n FROM follow_up_cases WHERE opened_by_event_id LIKE 'bench-paced40-%'`,
        ),
      );
      // Every fact of the load and the paced run was scored once; scoring alone read them all again.
      expect(measured.inputMessages).toBe(1_500 + 120);
      expect(measured.scoring.count).toBeLessThanOrEqual(measured.inputMessages);
      expect(measured.inputMessages).toBe(
        await count(`SELECT (SELECT count(*) FROM survey_answers) + (SELECT count(*) FROM purchases)
                          + (SELECT count(*) FROM leads) AS n`),
      );
    } finally {
      await database.end();
    }
  }, 900_000);
});
