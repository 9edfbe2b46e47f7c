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
  const rank = (share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
  return { samples: sorted.length, p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1]! };
}
