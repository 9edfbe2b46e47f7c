import { parseDuration } from '../duration.js';

/**
 * Member tiers (docs/promoter-loop.md, Tiers): a member's tier follows the points they earned within a
 * rolling window, so it climbs with their purchases and falls when they stop. Each tier has its benefits:
 * a points multiplier, preferred service (a shorter follow-up SLA and a higher place in the queue) and, on
 * reaching it the first time, a free consultation voucher.
 */
export interface MemberTier {
  name: string;
  /** Points earned within the window that reach the tier. */
  threshold: number;
  /** Purchase points are multiplied by this while the member holds the tier. */
  multiplier: number;
  /** A follow-up case of the member is due within this, when it is sooner than the store's SLA. */
  slaMs: number | null;
}

/** Tiers, lowest first; a member below the first holds none. */
export type MemberTiers = readonly MemberTier[];

const TIER_PATTERN = /^([a-z][a-z0-9-]{0,31})@(\d{1,9})(?:\s+x(\d+(?:\.\d+)?))?(?:\s+sla\s+(\S+))?$/;

/**
 * Reads `silver@500 x1.25 sla 24h, gold@2000 x1.5 sla 8h`: each tier's name, points threshold, multiplier
 * (1 when left out) and SLA (the store's when left out). Null when a tier cannot be read, a threshold is not
 * at least 1 or does not rise, multipliers fall, or a name repeats.
 */
export function parseMemberTiers(text: string): MemberTier[] | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return [];
  const tiers: MemberTier[] = [];
  for (const part of trimmed.split(',')) {
    const match = TIER_PATTERN.exec(part.trim().replace(/\s+/g, ' '));
    if (!match) return null;
    const slaMs = match[4] === undefined ? null : parseDuration(match[4]);
    if (slaMs === null && match[4] !== undefined) return null;
    const multiplier = match[3] === undefined ? 1 : Number(match[3]);
    if (!(multiplier >= 1 && multiplier <= 10) || Number(match[2]) < 1) return null;
    tiers.push({ name: match[1]!, threshold: Number(match[2]), multiplier, slaMs });
  }
  for (let index = 1; index < tiers.length; index += 1) {
    const [lower, upper] = [tiers[index - 1]!, tiers[index]!];
    if (upper.threshold <= lower.threshold || upper.multiplier < lower.multiplier) return null;
  }
  if (new Set(tiers.map((tier) => tier.name)).size !== tiers.length) return null;
  return tiers;
}

/** The highest tier the points reach, or null below the first. */
export function tierFor(points: number, tiers: MemberTiers): MemberTier | null {
  let reached: MemberTier | null = null;
  for (const tier of tiers) if (points >= tier.threshold) reached = tier;
  return reached;
}

/** A tier by its name; null for none or a tier no longer configured. */
export function tierNamed(name: string | null, tiers: MemberTiers): MemberTier | null {
  return name === null ? null : (tiers.find((tier) => tier.name === name) ?? null);
}

/** Where a tier sits: 0 for none, 1 for the first. A tier no longer configured ranks as none. */
export function tierRank(name: string | null, tiers: MemberTiers): number {
  return name === null ? 0 : tiers.findIndex((tier) => tier.name === name) + 1;
}

export type TierMove = { from: string | null; to: string | null; direction: 'up' | 'down' };

/** The move from the tier held to the tier the points reach, or null when it stays. */
export function tierMove(held: string | null, points: number, tiers: MemberTiers): TierMove | null {
  const reached = tierFor(points, tiers)?.name ?? null;
  if (reached === held) return null;
  return {
    from: held,
    to: reached,
    direction: tierRank(reached, tiers) > tierRank(held, tiers) ? 'up' : 'down',
  };
}

/**
 * Preferred service: the SLA of a member's new case (the tier's when it is sooner than the store's) and the
 * priority it adds (8 per rung, so a gold member's case is called before an equal case of a non-member).
 */
export function preferredService(
  tierName: string | null,
  storeSlaMs: number,
  tiers: MemberTiers,
): { slaMs: number; priorityBonus: number } {
  const tier = tierNamed(tierName, tiers);
  return {
    slaMs: tier && tier.slaMs !== null ? Math.min(tier.slaMs, storeSlaMs) : storeSlaMs,
    priorityBonus: 8 * tierRank(tier?.name ?? null, tiers),
  };
}
