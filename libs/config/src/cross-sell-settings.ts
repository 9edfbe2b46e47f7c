import type { EnvironmentReader } from './environment-reader.js';
import type { LadderConfig } from './ladder-config.js';

/** Cross-sell offers: how rules are learned, and to whom and how often offers go (docs/promoter-loop.md). */
export function readCrossSell(reader: EnvironmentReader): LadderConfig['crossSell'] {
  return {
    everyMs: reader.duration('LADDER_CROSS_SELL_EVERY', '24h'),
    learningWindowMs: reader.duration('LADDER_CROSS_SELL_WINDOW', '365d'),
    thresholds: {
      minSupport: reader.number('LADDER_CROSS_SELL_SUPPORT', 0.01, 0, 1),
      minConfidence: reader.number('LADDER_CROSS_SELL_CONFIDENCE', 0.2, 0, 1),
      minLift: reader.number('LADDER_CROSS_SELL_LIFT', 1.2, 0, 1_000_000),
      minCount: reader.integer('LADDER_CROSS_SELL_BASKETS', 10, 1, 1_000_000_000),
    },
    offerReward: reader.reward('LADDER_OFFER_REWARD', '500 EUR 30d'),
    recentWindowMs: reader.duration('LADDER_OFFER_RECENT_WINDOW', '90d'),
    offerPeriodMs: reader.duration('LADDER_OFFER_PERIOD', '30d'),
  };
}
