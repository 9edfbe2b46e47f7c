import { nearestRank } from './latency.js';

/**
 * The arithmetic of `ladder bench`: from what a run measured (counts, spans, samples) to the figures it
 * prints and writes as JSON, each beside its raw baseline with their ratio and, where the issue sets one,
 * its target. Pure, so a test can hold it to hand-made measurements.
 */

/** Work done over a span: events, cases, e-mails… and the milliseconds it took. */
export interface Span {
  count: number;
  ms: number;
}

export interface LatencyRun {
  /** The producing rate asked for, events per second. */
  rate: number;
  /** Detractor answer produced → its case row committed, one sample per answer. */
  caseMs: number[];
  /** Detractor answer produced → its manager's alert accepted by the SMTP sink, one per case opened. */
  alertMs: number[];
  /** The raw probe at the same rate: a message produced → consumed by a plain consumer. */
  probeMs: number[];
}

export interface BenchMeasurements {
  events: number;
  /** Every message the input topics held at the end (the load and the paced runs): what scoring alone read. */
  inputMessages: number;
  /** All roles in one worker: the input topics committed, and everything the events asked for done. */
  allRoles: { committed: Span; done: Span; cases: Span; alerts: Span; invitations: Span };
  rawConsumer: Span;
  scoring: Span;
  rawInsert: Span;
  latency: LatencyRun[];
  memory: {
    idleMb: number;
    peakMb: number;
    nodeIdleMb: number;
    soak: { minutes: number; startMb: number; endMb: number; peakMb: number } | null;
  };
  rebuild: { ladder: Span; raw: Span } | null;
  workers: { processes: number; committed: Span } | null;
}

export interface Target {
  /** `atLeast`: the figure must reach it; `atMost`: it must not pass it. */
  kind: 'atLeast' | 'atMost';
  value: number;
  met: boolean;
}

export interface BenchFigure {
  id: string;
  label: string;
  unit: string;
  value: number;
  baseline: { label: string; value: number } | null;
  /** value ÷ baseline. */
  ratio: number | null;
  targets: Target[];
}

/** Per second, from a count over milliseconds; 0 when nothing was timed. */
export function perSecond(span: Span): number {
  return span.ms > 0 ? (span.count * 1000) / span.ms : 0;
}

function percentile(samples: readonly number[], share: number): number | null {
  if (samples.length === 0) return null;
  return nearestRank(
    [...samples].sort((left, right) => left - right),
    share,
  );
}

const target = (kind: Target['kind'], value: number, figure: number): Target => ({
  kind,
  value,
  met: kind === 'atLeast' ? figure >= value : figure <= value,
});

function figure(
  id: string,
  label: string,
  unit: string,
  value: number,
  baseline: BenchFigure['baseline'],
  targets: Array<[Target['kind'], number]> = [],
): BenchFigure {
  return {
    id,
    label,
    unit,
    value,
    baseline,
    ratio: baseline && baseline.value > 0 ? value / baseline.value : null,
    targets: targets.map(([kind, limit]) => target(kind, limit, value)),
  };
}

/** The targets: ≥ 10,000 events/s (and ≥ 0.08 × the raw consumer), p99 case ≤ 250 ms, alert ≤ 1 s… */
export const TARGETS = {
  eventsPerSecond: 10_000,
  rawConsumerShare: 0.08,
  caseP99Ms: 250,
  alertP99Ms: 1_000,
  peakMb: 200,
  soakGrowthMb: 20,
  rebuildPerSecond: 50_000,
} as const;

export function benchFigures(measured: BenchMeasurements): BenchFigure[] {
  const raw = perSecond(measured.rawConsumer);
  const all = perSecond(measured.allRoles.committed);
  const rawConsumer = { label: 'plain kafkajs eachBatch, no-op handler', value: raw };
  const figures: BenchFigure[] = [
    figure('committed.allRoles', 'events committed per second, all roles', 'events/s', all, rawConsumer, [
      ['atLeast', TARGETS.eventsPerSecond],
      ['atLeast', TARGETS.rawConsumerShare * raw],
    ]),
    figure(
      'done.allRoles',
      'events with every effect done per second, all roles',
      'events/s',
      perSecond(measured.allRoles.done),
      rawConsumer,
      [['atLeast', TARGETS.eventsPerSecond]],
    ),
    figure('effects.cases', 'cases opened per second', 'cases/s', perSecond(measured.allRoles.cases), null),
    figure(
      'effects.alerts',
      'alerts accepted by SMTP per second',
      'e-mails/s',
      perSecond(measured.allRoles.alerts),
      null,
    ),
    figure(
      'effects.invitations',
      'invitations decided per second',
      'invitations/s',
      perSecond(measured.allRoles.invitations),
      null,
    ),
    figure(
      'committed.scoring',
      'events committed per second, scoring role alone',
      'events/s',
      perSecond(measured.scoring),
      {
        label: 'PostgreSQL batched unnest insert with the event-id claim',
        value: perSecond(measured.rawInsert),
      },
    ),
  ];
  for (const run of measured.latency) {
    const probe = (share: number) => percentile(run.probeMs, share);
    for (const [share, name] of [
      [0.5, 'p50'],
      [0.99, 'p99'],
    ] as const) {
      const probed = probe(share);
      const baseline = probed === null ? null : { label: `raw produce → consume, ${name}`, value: probed };
      const caseMs = percentile(run.caseMs, share);
      const alertMs = percentile(run.alertMs, share);
      if (caseMs !== null)
        figures.push(
          figure(
            `latency.case.${name}@${run.rate}`,
            `detractor produced → case committed, ${name}, at ${run.rate} events/s`,
            'ms',
            caseMs,
            baseline,
            name === 'p99' ? [['atMost', TARGETS.caseP99Ms]] : [],
          ),
        );
      if (alertMs !== null)
        figures.push(
          figure(
            `latency.alert.${name}@${run.rate}`,
            `detractor produced → alert accepted by SMTP, ${name}, at ${run.rate} events/s`,
            'ms',
            alertMs,
            baseline,
            name === 'p99' ? [['atMost', TARGETS.alertP99Ms]] : [],
          ),
        );
    }
  }
  const nodeIdle = {
    label: 'idle Node.js process loading the same modules',
    value: measured.memory.nodeIdleMb,
  };
  figures.push(
    figure('memory.idle', 'worker resident memory, idle', 'MB', measured.memory.idleMb, nodeIdle),
    figure(
      'memory.peak',
      'worker resident memory, peak (all roles)',
      'MB',
      measured.memory.peakMb,
      nodeIdle,
      [['atMost', TARGETS.peakMb]],
    ),
  );
  const soak = measured.memory.soak;
  if (soak)
    figures.push(
      figure(
        'memory.soakGrowth',
        `worker resident memory grown over a ${soak.minutes}-minute soak`,
        'MB',
        soak.endMb - soak.startMb,
        null,
        [['atMost', TARGETS.soakGrowthMb]],
      ),
    );
  if (measured.rebuild)
    figures.push(
      figure(
        'rebuild',
        'ladder rebuild, facts per second',
        'events/s',
        perSecond(measured.rebuild.ladder),
        {
          label: 'raw batched INSERT … SELECT unnest of the same rows',
          value: perSecond(measured.rebuild.raw),
        },
        [['atLeast', TARGETS.rebuildPerSecond]],
      ),
    );
  if (measured.workers)
    figures.push(
      figure(
        `committed.workers${measured.workers.processes}`,
        `events committed per second, ${measured.workers.processes} worker processes, one group`,
        'events/s',
        perSecond(measured.workers.committed),
        rawConsumer,
      ),
    );
  return figures;
}

/** The table a person reads: each figure, its baseline, their ratio and whether each target holds. */
export function benchTable(figures: readonly BenchFigure[]): string {
  const amount = (value: number, unit: string) =>
    `${value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(value >= 10 ? 1 : 2)} ${unit}`;
  const rows = figures.map((item) => [
    item.label,
    amount(item.value, item.unit),
    item.baseline ? `${amount(item.baseline.value, item.unit)} (${item.baseline.label})` : '',
    item.ratio === null ? '' : ratioText(item.ratio),
    item.targets
      .map(
        (t) =>
          `${t.kind === 'atLeast' ? '≥' : '≤'} ${amount(t.value, item.unit)} ${t.met ? 'met' : 'MISSED'}`,
      )
      .join('; '),
  ]);
  return textTable(['figure', 'Ladder', 'raw baseline in the same run', 'ratio', 'target'], rows);
}

/** Rows under a header, each column as wide as its widest cell, indented as the benchmark prints. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n') + '\n';
}

/** A ratio as it reads best: a share under 1 (× 0.010 = 1 %), a multiple above. */
export function ratioText(ratio: number): string {
  return ratio < 1 ? `× ${ratio.toFixed(3)} (${(ratio * 100).toFixed(1)} %)` : `× ${ratio.toFixed(1)}`;
}
