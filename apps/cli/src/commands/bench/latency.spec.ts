import fc from 'fast-check';
import { latencySummary } from './latency.js';

describe("the benchmark's latency arithmetic", () => {
  it('takes nearest-rank percentiles of the samples, in any order', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(latencySummary(samples)).toEqual({ samples: 100, p50: 50, p95: 95, max: 100 });
    expect(latencySummary([7])).toEqual({ samples: 1, p50: 7, p95: 7, max: 7 });
    expect(latencySummary([])).toEqual({ samples: 0, p50: 0, p95: 0, max: 0 });
  });

  it('orders its figures and never leaves the samples', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { minLength: 1 }), (samples) => {
        const summary = latencySummary(samples);
        expect(summary.p50).toBeLessThanOrEqual(summary.p95);
        expect(summary.p95).toBeLessThanOrEqual(summary.max);
        expect(samples).toContain(summary.p95);
        expect(
          samples.filter((value) => value <= summary.p95).length / samples.length,
        ).toBeGreaterThanOrEqual(0.95);
      }),
    );
  });
});
