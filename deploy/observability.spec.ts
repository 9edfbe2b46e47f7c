import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse, stringify } from 'yaml';
import { ensureDebianCommand } from '#testing';

const OBSERVABILITY = fileURLToPath(new URL('./observability/', import.meta.url));
const read = (file: string) => readFileSync(join(OBSERVABILITY, file), 'utf8');

// The metrics Ladder's processes export (libs/observability, libs/runtime): rules and panels use these only.
const COUNTERS = [
  'ladder_events_consumed_total',
  'ladder_events_dead_lettered_total',
  'ladder_jobs_total',
  'ladder_emails_total',
  'ladder_sla_breaches_total',
];
const HISTOGRAMS = [
  'ladder_batch_size',
  'ladder_batch_duration_seconds',
  'ladder_detractor_case_latency_seconds',
  'ladder_detractor_alert_latency_seconds',
];
/** Shared state, exported alike by every API replica: combined with max, never summed. */
const SHARED_GAUGES = [
  'ladder_consumer_lag',
  'ladder_outbox_backlog',
  'ladder_outbox_oldest_age_seconds',
  'ladder_queue_jobs',
  'ladder_queue_workers',
  'ladder_cases',
  'ladder_cases_overdue',
];
const LADDER_METRICS = [...COUNTERS, ...HISTOGRAMS, ...SHARED_GAUGES];

/** prom-client's default process metrics, as a registry really exports them. */
async function defaultMetricNames(): Promise<string[]> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = await registry.getMetricsAsJSON();
  registry.clear();
  return metrics.flatMap((metric) =>
    // The typings say an enum; the registry gives the exposition format's word.
    String(metric.type) === 'histogram'
      ? [`${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`]
      : [metric.name],
  );
}

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
]);
const PROMQL_OPERATORS = new Set(['and', 'or', 'unless', 'inf', 'nan']);

/** The metric names a PromQL expression selects (functions, keywords, labels and durations left out). */
function metricNames(expression: string): string[] {
  const selectors = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\boffset\s+\S+/g, ' ');
  const names = [...selectors.matchAll(/(?<![\w:$])([a-zA-Z_:][\w:]*)(?![\w:]|\s*\()/g)].map(
    (match) => match[1]!,
  );
  return [...new Set(names.filter((name) => !PROMQL_WORDS.has(name) && !PROMQL_OPERATORS.has(name)))];
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const alerts = parse(read('alerts.yml')) as { groups: Array<{ name: string; rules: Rule[] }> };
const rules = alerts.groups.flatMap((group) => group.rules);

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: Array<{ refId: string; expr: string; datasource?: { uid: string } }>;
}
const dashboard = JSON.parse(read('grafana/dashboards/ladder.json')) as {
  uid: string;
  title: string;
  templating: { list: Array<{ name: string; type: string; query: string }> };
  panels: Panel[];
};
const queryPanels = dashboard.panels.filter((panel) => panel.type !== 'row');
const dashboardQueries = queryPanels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
);

/** Grafana's variables made into what Prometheus would receive. */
const asPromQl = (expression: string) => expression.replaceAll('$__rate_interval', '1m');

function promtool(args: string[]): string {
  const promtoolPath = ensureDebianCommand('/usr/bin/promtool', 'prometheus');
  try {
    return execFileSync(promtoolPath, args, { cwd: OBSERVABILITY, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`, {
      cause: error,
    });
  }
}

describe('the alert rules (deploy/observability/alerts.yml)', () => {
  it('pass promtool check rules', () => {
    expect(promtool(['check', 'rules', 'alerts.yml'])).toContain(`SUCCESS: ${rules.length} rules found`);
  });

  it('pass their promtool unit tests: each fires on its trouble and stays quiet on a healthy series', () => {
    expect(promtool(['test', 'rules', 'alerts.test.yml'])).toContain('SUCCESS');
  });

  it('have a unit test that fires each alert, and the lag alert one that does not fire on a flat lag', () => {
    const tests = (
      parse(read('alerts.test.yml')) as {
        tests: Array<{
          input_series: Array<{ series: string; values: string }>;
          alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }>;
        }>;
      }
    ).tests;
    const cases = tests.flatMap((test) => test.alert_rule_test ?? []);
    for (const rule of rules) {
      expect(cases.some((c) => c.alertname === rule.alert && c.exp_alerts.length > 0)).toBe(true);
    }
    const flatLag = tests.find((test) =>
      test.input_series.some(
        (series) => series.series.startsWith('ladder_consumer_lag') && /^\d+x\d+$/.test(series.values),
      ),
    );
    expect(flatLag?.alert_rule_test?.some((c) => c.alertname === 'LadderConsumerLagGrowing')).toBe(true);
  });

  it.each(rules.map((rule) => [rule.alert, rule]))(
    '%s waits, has a severity and tells an operator what to look at',
    (_name, rule) => {
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description?.length).toBeGreaterThan(80);
      // The runbook section of README.md that explains it.
      const anchor = rule.alert.toLowerCase();
      expect(rule.annotations?.runbook).toBe(`deploy/observability/README.md#${anchor}`);
      expect(read('README.md')).toMatch(new RegExp(`^#+ ${rule.alert}$`, 'm'));
    },
  );

  it('use only the metrics Ladder exports, and Prometheus own up', () => {
    const allowed = new Set([...LADDER_METRICS, 'up']);
    const unknown = rules.flatMap((rule) =>
      metricNames(rule.expr)
        .filter((name) => !allowed.has(name))
        .map((name) => `${rule.alert}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe('the Grafana dashboard (deploy/observability/grafana/dashboards/ladder.json)', () => {
  it('is a dashboard with a Prometheus data source variable every panel queries through', () => {
    expect(dashboard.uid).toBe('ladder-overview');
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    expect(queryPanels.length).toBeGreaterThan(10);
    for (const panel of queryPanels) {
      expect([panel.title, panel.datasource?.uid]).toEqual([panel.title, '${datasource}']);
      expect(panel.targets?.length).toBeGreaterThan(0);
      const refIds = panel.targets!.map((target) => target.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const target of panel.targets!)
        expect(target.datasource?.uid ?? '${datasource}').toBe('${datasource}');
    }
  });

  it('lays its panels out on the 24-column grid without overlaps, with unique ids', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { title, gridPos } of dashboard.panels) {
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x += 1) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y += 1) {
          const cell = `${x},${y}`;
          expect([title, cells.has(cell)]).toEqual([title, false]);
          cells.add(cell);
        }
      }
    }
  });

  it('queries only metrics Ladder and prom-client export', async () => {
    const allowed = new Set([
      ...COUNTERS,
      ...SHARED_GAUGES,
      ...HISTOGRAMS.flatMap((name) => [`${name}_bucket`, `${name}_sum`, `${name}_count`]),
      ...(await defaultMetricNames()),
    ]);
    const unknown = dashboardQueries.flatMap(({ panel, expr }) =>
      metricNames(expr)
        .filter((name) => !allowed.has(name))
        .map((name) => `${panel}: ${name}`),
    );
    expect(unknown).toEqual([]);
    expect(allowed.has('process_resident_memory_bytes')).toBe(true);
  });

  it('shows every metric Ladder exports, and process memory', () => {
    const shown = new Set(dashboardQueries.flatMap(({ expr }) => metricNames(expr)));
    for (const name of [...COUNTERS, ...SHARED_GAUGES, 'process_resident_memory_bytes'])
      expect(shown).toContain(name);
    for (const name of HISTOGRAMS) expect(shown).toContain(`${name}_bucket`);
  });

  it('has queries Prometheus parses (promtool checks them as recording rules)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'ladder-dashboard-'));
    try {
      const groups = [
        {
          name: 'dashboard',
          rules: dashboardQueries.map(({ expr }, index) => ({
            record: `ladder:panel_${index}`,
            expr: asPromQl(expr),
          })),
        },
      ];
      writeFileSync(join(directory, 'queries.yml'), stringify({ groups }));
      expect(promtool(['check', 'rules', join(directory, 'queries.yml')])).toContain(
        `SUCCESS: ${dashboardQueries.length} rules found`,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe.each([
  ['the alert rules', rules.map((rule) => ({ where: rule.alert, expr: rule.expr }))],
  ['the dashboard', dashboardQueries.map(({ panel, expr }) => ({ where: panel, expr }))],
])('%s', (_name, expressions) => {
  it('combine the shared-state gauges of every API replica with max, never with sum', () => {
    for (const { where, expr } of expressions) {
      for (const gauge of SHARED_GAUGES.filter((name) => metricNames(expr).includes(name))) {
        const summedDirectly = new RegExp(`sum(\\s+by\\s*\\([^)]*\\))?\\s*\\(\\s*${gauge}\\b`);
        const underMax = new RegExp(`max(\\s+by\\s*\\([^)]*\\))?\\s*\\(\\s*(delta\\(\\s*)?${gauge}\\b`);
        expect([where, gauge, summedDirectly.test(expr), underMax.test(expr)]).toEqual([
          where,
          gauge,
          false,
          true,
        ]);
      }
    }
  });
});

describe('Prometheus for docker-compose.yml (deploy/observability/prometheus.yml)', () => {
  const config = parse(read('prometheus.yml')) as {
    rule_files: string[];
    scrape_configs: Array<{ job_name: string; dns_sd_configs?: Array<{ names: string[]; port: number }> }>;
  };

  it('passes promtool check config, its rule files included', () => {
    expect(promtool(['check', 'config', 'prometheus.yml'])).toContain('SUCCESS');
    expect(config.rule_files).toEqual(['alerts.yml']);
  });

  it('scrapes every api replica on PORT and every worker on LADDER_WORKER_PORT, as ladder-* jobs', () => {
    const jobs = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.dns_sd_configs?.[0]]),
    );
    expect(jobs['ladder-api']).toEqual(expect.objectContaining({ names: ['api'], port: 3000 }));
    expect(jobs['ladder-worker']).toEqual(expect.objectContaining({ names: ['worker'], port: 3001 }));
  });
});

describe('metricNames', () => {
  it('finds selectors, not functions, labels, durations or keywords', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, topic) (rate(ladder_batch_size_bucket{topic="x"}[$__rate_interval]))) ' +
          '/ on (topic) group_left max without (instance) (ladder_cases offset 5m) and up == bool 0',
      ),
    ).toEqual(['ladder_batch_size_bucket', 'ladder_cases', 'up']);
  });
});
