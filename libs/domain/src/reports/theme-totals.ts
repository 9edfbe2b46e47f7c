/** One theme's answers in one bucket of a period. */
export interface ThemeBucketCount {
  start: string;
  theme: string;
  answers: number;
  detractors: number;
}

/**
 * The comment themes of a period: per bucket (oldest first, themes by answers, most first) and over the
 * whole period, each with its share of the `themedAnswers` (answers with any theme: one answer may have
 * several themes, so the shares can add up to more than 1).
 */
export function themeTotals(
  counts: readonly ThemeBucketCount[],
  themedAnswers: number,
): {
  buckets: Array<{ start: string; themes: Array<{ theme: string; answers: number; detractors: number }> }>;
  totals: Array<{ theme: string; answers: number; detractors: number; share: number }>;
} {
  const byCount = (a: { theme: string; answers: number }, b: { theme: string; answers: number }) =>
    b.answers - a.answers || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0);
  const buckets = new Map<string, Array<{ theme: string; answers: number; detractors: number }>>();
  const totals = new Map<string, { theme: string; answers: number; detractors: number }>();
  for (const { start, theme, answers, detractors } of counts) {
    buckets.set(start, [...(buckets.get(start) ?? []), { theme, answers, detractors }]);
    const total = totals.get(theme) ?? { theme, answers: 0, detractors: 0 };
    totals.set(theme, { theme, answers: total.answers + answers, detractors: total.detractors + detractors });
  }
  return {
    buckets: [...buckets]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([start, themes]) => ({ start, themes: themes.sort(byCount) })),
    totals: [...totals.values()].sort(byCount).map((total) => ({
      ...total,
      share:
        themedAnswers === 0 ? 0 : Math.min(1, Math.round((10_000 * total.answers) / themedAnswers) / 10_000),
    })),
  };
}
