/** How an answer to "How likely are you to recommend us?" is classified (DESIGN.md §5). */
export type Classification = 'promoter' | 'passive' | 'detractor';

export const MIN_SCORE = 0;
export const MAX_SCORE = 10;

export function classify(score: number): Classification {
  if (!Number.isInteger(score) || score < MIN_SCORE || score > MAX_SCORE) {
    throw new RangeError(`score must be an integer from ${MIN_SCORE} to ${MAX_SCORE}, got ${score}`);
  }
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsFigure extends NpsCounts {
  responses: number;
  /** 100 × (promoters − detractors) / responses, or null without responses. */
  nps: number | null;
  /** Half-width of the 95 % confidence interval, in NPS points, or null without responses. */
  marginOfError95: number | null;
  /** True when responses are under the configured minimum sample. */
  lowSample: boolean;
}

const Z_95 = 1.959963984540054;

/**
 * NPS with its 95 % margin of error. Each answer is a value of +1 (promoter), 0 (passive) or −1
 * (detractor); the variance of that value is pP + pD − (pP − pD)², and the standard error of the mean
 * is √(variance / n). Figures are rounded to one decimal, as people read them.
 */
export function npsFigure(counts: NpsCounts, minimumSample: number): NpsFigure {
  const responses = counts.promoters + counts.passives + counts.detractors;
  if (responses === 0) {
    return { ...counts, responses, nps: null, marginOfError95: null, lowSample: true };
  }
  const promoterShare = counts.promoters / responses;
  const detractorShare = counts.detractors / responses;
  const mean = promoterShare - detractorShare;
  const variance = Math.max(0, promoterShare + detractorShare - mean * mean);
  const margin = Z_95 * Math.sqrt(variance / responses) * 100;
  return {
    ...counts,
    responses,
    nps: roundToTenth(mean * 100),
    marginOfError95: roundToTenth(margin),
    lowSample: responses < minimumSample,
  };
}

export function emptyCounts(): NpsCounts {
  return { promoters: 0, passives: 0, detractors: 0 };
}

export function addToCounts(counts: NpsCounts, classification: Classification): NpsCounts {
  return {
    promoters: counts.promoters + (classification === 'promoter' ? 1 : 0),
    passives: counts.passives + (classification === 'passive' ? 1 : 0),
    detractors: counts.detractors + (classification === 'detractor' ? 1 : 0),
  };
}

function roundToTenth(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? 0 : rounded;
}
