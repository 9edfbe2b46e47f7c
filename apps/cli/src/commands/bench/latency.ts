/** What a set of response times says: the median, the 95th percentile and the worst, in milliseconds. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentiles: p95 is the time 95 % of the calls took at most. */
export function latencySummary(samplesMs: readonly number[]): LatencySummary {
  if (samplesMs.length === 0) return { samples: 0, p50: 0, p95: 0, max: 0 };
  const sorted = [...samplesMs].sort((left, right) => left - right);
  return {
    samples: sorted.length,
    p50: nearestRank(sorted, 0.5),
    p95: nearestRank(sorted, 0.95),
    max: sorted[sorted.length - 1]!,
  };
}

/** The nearest-rank percentile `share` (0–1) of samples sorted in ascending order (at least one). */
export function nearestRank(sorted: readonly number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}
