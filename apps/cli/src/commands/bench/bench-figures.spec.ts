import { benchFigures, benchTable, perSecond, ratioText, type BenchMeasurements } from './bench-figures.js';

const measured: BenchMeasurements = {
  events: 100_000,
  inputMessages: 100_000,
  allRoles: {
    committed: { count: 100_000, ms: 80_000 },
    done: { count: 100_000, ms: 400_000 },
    cases: { count: 10_000, ms: 400_000 },
    alerts: { count: 9_000, ms: 400_000 },
    invitations: { count: 4_000, ms: 400_000 },
  },
  rawConsumer: { count: 100_000, ms: 800 },
  scoring: { count: 100_000, ms: 70_000 },
  rawInsert: { count: 100_000, ms: 4_000 },
  latency: [
    {
      rate: 640,
      caseMs: Array.from({ length: 100 }, (_, index) => 100 - index), // 1…100 ms, in any order
      alertMs: [900, 1_100],
      probeMs: [5, 9, 27],
    },
  ],
  memory: {
    idleMb: 180,
    peakMb: 650,
    nodeIdleMb: 90,
    soak: { minutes: 30, startMb: 190, endMb: 230, peakMb: 260 },
  },
  rebuild: { ladder: { count: 100_000, ms: 10_000 }, raw: { count: 100_000, ms: 500 } },
  workers: { processes: 2, committed: { count: 100_000, ms: 50_000 } },
};

describe("the benchmark's arithmetic", () => {
  const figures = benchFigures(measured);
  const byId = new Map(figures.map((figure) => [figure.id, figure]));

  it('turns counts over milliseconds into rates', () => {
    expect(perSecond({ count: 1_300, ms: 1_000 })).toBe(1_300);
    expect(perSecond({ count: 5, ms: 2_000 })).toBe(2.5);
    expect(perSecond({ count: 5, ms: 0 })).toBe(0);
  });

  it('puts each rate beside its raw baseline with their ratio, and holds it to its targets', () => {
    const all = byId.get('committed.allRoles')!;
    expect(all.value).toBe(1_250);
    expect(all.baseline).toEqual({ label: 'plain kafkajs eachBatch, no-op handler', value: 125_000 });
    expect(all.ratio).toBeCloseTo(0.01, 10);
    // ≥ 10,000 events/s and ≥ 0.08 × the raw consumer (10,000 here): both missed.
    expect(all.targets).toEqual([
      { kind: 'atLeast', value: 10_000, met: false },
      { kind: 'atLeast', value: 10_000, met: false },
    ]);
    expect(byId.get('done.allRoles')!.value).toBe(250);
    expect(byId.get('effects.cases')!.value).toBe(25);
    expect(byId.get('effects.alerts')!.value).toBe(22.5);
    expect(byId.get('effects.invitations')!.value).toBe(10);
    const scoring = byId.get('committed.scoring')!;
    expect([scoring.value, scoring.baseline!.value, scoring.ratio]).toEqual([
      100_000 / 70,
      25_000,
      100_000 / 70 / 25_000,
    ]);
    const rebuild = byId.get('rebuild')!;
    expect([rebuild.value, rebuild.baseline!.value, rebuild.targets[0]!.met]).toEqual([
      10_000,
      200_000,
      false,
    ]);
    expect(byId.get('committed.workers2')!.value).toBe(2_000);
  });

  it('takes nearest-rank p50 and p99 of the latencies, beside the probe at the same rate', () => {
    const caseP50 = byId.get('latency.case.p50@640')!;
    const caseP99 = byId.get('latency.case.p99@640')!;
    expect([caseP50.value, caseP50.baseline!.value, caseP50.ratio]).toEqual([50, 9, 50 / 9]);
    expect([caseP99.value, caseP99.baseline!.value]).toEqual([99, 27]);
    expect(caseP99.targets).toEqual([{ kind: 'atMost', value: 250, met: true }]);
    expect(byId.get('latency.alert.p50@640')!.value).toBe(900);
    expect(byId.get('latency.alert.p99@640')!.targets).toEqual([
      { kind: 'atMost', value: 1_000, met: false },
    ]);
  });

  it('measures memory against an idle Node.js process, and the soak by its growth', () => {
    expect(byId.get('memory.idle')!.ratio).toBe(2);
    expect(byId.get('memory.peak')!.targets).toEqual([{ kind: 'atMost', value: 200, met: false }]);
    expect(byId.get('memory.soakGrowth')!.value).toBe(40);
    expect(byId.get('memory.soakGrowth')!.targets[0]!.met).toBe(false);
  });

  it('leaves out what a run did not measure', () => {
    const partial = benchFigures({
      ...measured,
      latency: [{ rate: 100, caseMs: [], alertMs: [], probeMs: [] }],
      memory: { ...measured.memory, soak: null },
      rebuild: null,
      workers: null,
    });
    const ids = partial.map((figure) => figure.id);
    expect(ids.some((id) => id.startsWith('latency.'))).toBe(false);
    expect(ids).not.toContain('memory.soakGrowth');
    expect(ids).not.toContain('rebuild');
    expect(ids.some((id) => id.startsWith('committed.workers'))).toBe(false);
  });

  it('prints every figure with its baseline, ratio and verdict', () => {
    const table = benchTable(figures);
    for (const figure of figures) expect(table).toContain(figure.label);
    expect(table).toContain('× 0.010 (1.0 %)');
    expect(table).toContain('MISSED');
    expect(ratioText(5.5)).toBe('× 5.5');
  });
});
