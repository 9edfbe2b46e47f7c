import fc from 'fast-check';
import { parseMemberTiers, preferredService, tierFor, tierMove, type MemberTier } from './member-tiers.js';

const HOUR = 3_600_000;
const tiers = parseMemberTiers('silver@500 x1.25, gold@2000 x1.5 sla 8h')!;

describe('member tiers', () => {
  it('reads tiers with their thresholds, multipliers and SLAs', () => {
    expect(tiers).toEqual<MemberTier[]>([
      { name: 'silver', threshold: 500, multiplier: 1.25, slaMs: null },
      { name: 'gold', threshold: 2000, multiplier: 1.5, slaMs: 8 * HOUR },
    ]);
    expect(parseMemberTiers('none')).toEqual([]);
  });

  it('refuses tiers that do not rise, repeat a name, or cannot be read', () => {
    expect(parseMemberTiers('gold@2000, silver@500')).toBeNull();
    expect(parseMemberTiers('gold@500 x2, platinum@900 x1.5')).toBeNull();
    expect(parseMemberTiers('gold@500, gold@900')).toBeNull();
    expect(parseMemberTiers('gold 500')).toBeNull();
    expect(parseMemberTiers('gold@500 sla soon')).toBeNull();
    expect(parseMemberTiers('gold@0')).toBeNull();
  });

  it('climbs and falls with the points of the window', () => {
    expect(tierMove(null, 499, tiers)).toBeNull();
    expect(tierMove(null, 500, tiers)).toEqual({ from: null, to: 'silver', direction: 'up' });
    expect(tierMove('silver', 2500, tiers)).toEqual({ from: 'silver', to: 'gold', direction: 'up' });
    expect(tierMove('gold', 100, tiers)).toEqual({ from: 'gold', to: null, direction: 'down' });
    // A tier no longer configured counts as none: the member is moved to the tier their points reach.
    expect(tierMove('bronze', 600, tiers)).toEqual({ from: 'bronze', to: 'silver', direction: 'up' });
  });

  it('gives a gold member a shorter SLA and a higher place in the queue, never a longer SLA', () => {
    expect(preferredService('gold', 48 * HOUR, tiers)).toEqual({ slaMs: 8 * HOUR, priorityBonus: 16 });
    expect(preferredService('gold', 4 * HOUR, tiers)).toEqual({ slaMs: 4 * HOUR, priorityBonus: 16 });
    expect(preferredService('silver', 48 * HOUR, tiers)).toEqual({ slaMs: 48 * HOUR, priorityBonus: 8 });
    expect(preferredService(null, 48 * HOUR, tiers)).toEqual({ slaMs: 48 * HOUR, priorityBonus: 0 });
  });

  it('never puts more points in a lower tier', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), (first, second) => {
        const [low, high] = first <= second ? [first, second] : [second, first];
        const rank = (points: number) => tiers.indexOf(tierFor(points, tiers)!);
        expect(rank(low)).toBeLessThanOrEqual(rank(high));
        const move = tierMove(tierFor(low, tiers)?.name ?? null, high, tiers);
        if (move) expect(move.direction).toBe('up');
      }),
    );
  });
});
