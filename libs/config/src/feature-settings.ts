import type { EnvironmentReader } from './environment-reader.js';
import type { LadderConfig } from './ladder-config.js';

// The settings of each feature: follow-up, reports, the customer model, loyalty, contact and triage.

export function readFollowUp(reader: EnvironmentReader): LadderConfig['followUp'] {
  return {
    defaultSlaMs: reader.duration('LADDER_FOLLOW_UP_SLA', '48h'),
    escalationSteps: reader.escalationSteps(
      'LADDER_ESCALATION_STEPS',
      'store-manager@0s,regional-manager@24h',
    ),
    escalationSweepEveryMs: reader.duration('LADDER_ESCALATION_SWEEP_EVERY', '1m'),
    priorityRefreshEveryMs: reader.duration('LADDER_PRIORITY_REFRESH_EVERY', '15m'),
    resurveyAfterMs: reader.duration('LADDER_RESURVEY_AFTER', '3d'),
  };
}

export function readReports(reader: EnvironmentReader): LadderConfig['reports'] {
  return {
    huddleAt: reader.timeOfDay('LADDER_HUDDLE_AT', '08:00'),
    outerLoopAt: reader.weeklyTime('LADDER_OUTER_LOOP_AT', 'mon 09:00'),
  };
}

export function readCustomerModel(reader: EnvironmentReader): LadderConfig['customerModel'] {
  return {
    clientRepeatWindowMs: reader.duration('LADDER_CLIENT_REPEAT_WINDOW', '180d'),
    clientLapseWindowMs: reader.duration('LADDER_CLIENT_LAPSE_WINDOW', '180d'),
    rfmWindowMs: reader.duration('LADDER_RFM_WINDOW', '365d'),
    churnLateFactor: reader.number('LADDER_CHURN_LATE_FACTOR', 2, 1, 100),
    reviewEveryMs: reader.duration('LADDER_CUSTOMER_REVIEW_EVERY', '1m'),
    segmentsEveryMs: reader.duration('LADDER_SEGMENTS_EVERY', '24h'),
  };
}

export function readLoyalty(reader: EnvironmentReader): LadderConfig['loyalty'] {
  return {
    invitationValidForMs: reader.duration('LADDER_INVITATION_VALID_FOR', '30d'),
    welcomeReward: reader.reward('LADDER_WELCOME_REWARD', '1000 EUR 90d'),
    referralReward: reader.reward('LADDER_REFERRAL_REWARD', '2000 EUR 90d'),
    coolingOffMs: reader.duration('LADDER_REFERRAL_COOLING_OFF', '14d'),
    burst: reader.rate('LADDER_REFERRAL_BURST', '3/24h'),
    cap: reader.rate('LADDER_REFERRAL_CAP', '5/30d'),
    settleSweepEveryMs: reader.duration('LADDER_REFERRAL_SWEEP_EVERY', '5m'),
    points: {
      amountPerPoint: reader.number('LADDER_POINTS_EARN_PER', 100, 1, Number.MAX_SAFE_INTEGER),
      pointValueMinor: reader.number('LADDER_POINT_VALUE', 1, 1, Number.MAX_SAFE_INTEGER),
      surveyBonus: reader.number('LADDER_POINTS_SURVEY_BONUS', 10, 0, 1_000_000),
      referralBonus: reader.number('LADDER_POINTS_REFERRAL_BONUS', 100, 0, 1_000_000),
      expiresAfterMs: reader.duration('LADDER_POINTS_EXPIRE_AFTER', '365d'),
      minimumSpend: reader.number('LADDER_POINTS_MINIMUM_SPEND', 500, 1, 1_000_000_000),
      voucherValidForMs: reader.duration('LADDER_POINTS_VOUCHER_VALID_FOR', '90d'),
    },
    tiers: reader.memberTiers('LADDER_TIERS', 'silver@1000 x1.25 sla 24h, gold@5000 x1.5 sla 8h'),
    tierWindowMs: reader.duration('LADDER_TIER_WINDOW', '365d'),
    consultationReward: reader.reward('LADDER_CONSULTATION_REWARD', '2500 EUR 60d'),
    tierReviewEveryMs: reader.duration('LADDER_TIER_REVIEW_EVERY', '1h'),
  };
}

export function readContactBudget(reader: EnvironmentReader): LadderConfig['contactBudget'] {
  return {
    marketing: reader.rate('LADDER_MARKETING_BUDGET', '1/30d'),
    total: reader.rate('LADDER_CONTACT_BUDGET', '3/30d'),
  };
}

export function readTriage(reader: EnvironmentReader): LadderConfig['triage'] {
  return {
    flood: reader.rate('LADDER_FLOOD', '3/24h'),
    rulesPath: reader.optional('LADDER_TRIAGE_RULES'),
  };
}
