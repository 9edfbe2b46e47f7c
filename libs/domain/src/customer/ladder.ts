import { sortFacts, type CustomerFact } from './customer-fact.js';

/**
 * The loyalty ladder (DESIGN.md §5): Suspect (seen an ad) → Prospect (showed interest, signed up, or was
 * referred) → Customer (first purchase) → Client (repeat buyer) → Advocate (a Client who is a promoter or
 * has brought a converted referral). Customers also fall: a detractor answer drops an Advocate to Client,
 * and no purchase for the lapse window drops a Client (and an Advocate) to Customer.
 */
export const STAGES = ['suspect', 'prospect', 'customer', 'client', 'advocate'] as const;
export type Stage = (typeof STAGES)[number];

export interface LadderRules {
  /** Two purchases at most this far apart make a repeat buyer (default 180 days). */
  repeatWindowMs: number;
  /** A Client with no purchase for this long falls back to Customer (default 180 days). */
  lapseWindowMs: number;
}

export type MoveReason =
  | 'seen-ad'
  | 'showed-interest'
  | 'signed-up'
  | 'referred'
  | 'answered-survey'
  | 'first-purchase'
  | 'repeat-purchase'
  | 'purchase-after-lapse'
  | 'promoter-answer'
  | 'referral-converted'
  | 'detractor-answer'
  | 'no-purchase-within-window'
  /** A late event changed the customer's past: the stage is set right from what is known now. */
  | 'late-event';

export interface StageTransition {
  at: Date;
  from: Stage | null;
  to: Stage;
  reason: MoveReason;
}

export interface LadderPosition {
  stage: Stage | null;
  /** When the current stage began. */
  since: Date | null;
  /** When the stage will change by time alone (a Client's lapse), if nothing else happens first. */
  changesAt: Date | null;
}

/** What the ladder remembers of a customer's facts so far: enough to place every later fact. */
export interface LadderProgress {
  seenAd: boolean;
  interested: 'showed-interest' | 'signed-up' | null;
  referred: boolean;
  answered: boolean;
  /** The instant of the latest purchase folded so far (epoch ms). */
  lastPurchaseAt: number | null;
  repeatBuyer: boolean;
  /** The latest of: promoter answer (+), converted referral (+), detractor answer (−). Passives say nothing. */
  advocacy: 'promoter-answer' | 'referral-converted' | 'detractor-answer' | null;
}

/**
 * The ladder after the facts folded so far, and nothing after them (no fall by time alone is in it): a
 * later fold goes on from here with the later facts and gives what a fold of every fact would.
 */
export interface LadderFold {
  progress: LadderProgress;
  stage: Stage | null;
  /** When the stage began (epoch ms). */
  since: number | null;
}

export const LADDER_START: LadderFold = {
  progress: {
    seenAd: false,
    interested: null,
    referred: false,
    answered: false,
    lastPurchaseAt: null,
    repeatBuyer: false,
    advocacy: null,
  },
  stage: null,
  since: null,
};

export interface LadderAdvance {
  /** The moves after the starting fold, in time order, falls by time alone up to `now` included. */
  transitions: StageTransition[];
  /** Where the fold stands after the last fact (for the next fold to go on from). */
  folded: LadderFold;
  position: LadderPosition;
}

/**
 * Goes on from `start` with `facts`, which must all sort after the facts folded into it (compareFacts);
 * facts after `now` are left out. Falls by time alone are placed at the instant they happen, up to `now`.
 */
export function advanceLadder(
  start: LadderFold,
  facts: readonly CustomerFact[],
  rules: LadderRules,
  now: Date,
): LadderAdvance {
  const progress: LadderProgress = { ...start.progress };
  const transitions: StageTransition[] = [];
  let current = start.stage;
  let since = start.since;
  const move = (at: Date, reason: MoveReason) => {
    const next = stageOf(progress, rules, at.getTime());
    if (next !== null && next !== current) {
      transitions.push({ at, from: current, to: next, reason });
      current = next;
      since = at.getTime();
    }
  };
  const fallsBefore = (limit: number) => {
    const lapseAt = lapseInstant(progress, rules);
    if (lapseAt !== null && lapseAt <= limit && (current === 'client' || current === 'advocate')) {
      move(new Date(lapseAt), 'no-purchase-within-window');
    }
  };

  for (const fact of sortFacts(facts).filter((item) => item.at.getTime() <= now.getTime())) {
    fallsBefore(fact.at.getTime());
    const reason = apply(progress, fact, rules, current);
    move(fact.at, reason);
  }
  const folded: LadderFold = { progress: { ...progress }, stage: current, since };
  fallsBefore(now.getTime());
  const lapseAt =
    (current === 'client' || current === 'advocate') && progress.lastPurchaseAt !== null
      ? progress.lastPurchaseAt + rules.lapseWindowMs
      : null;
  return {
    transitions,
    folded,
    position: {
      stage: current,
      since: since === null ? null : new Date(since),
      changesAt: lapseAt !== null && lapseAt > now.getTime() ? new Date(lapseAt) : null,
    },
  };
}

/**
 * Every move of a customer on the ladder, in time order, derived from the facts alone: the same facts
 * give the same moves whatever order they arrived in. Falls by time alone are placed at the instant they
 * happen, up to `now`.
 */
export function stageTimeline(
  facts: readonly CustomerFact[],
  rules: LadderRules,
  now: Date,
): StageTransition[] {
  return advanceLadder(LADDER_START, facts, rules, now).transitions;
}

/** Where the customer stands now on the ladder, and when time alone would move them. */
export function ladderPosition(
  facts: readonly CustomerFact[],
  rules: LadderRules,
  now: Date,
): LadderPosition {
  return advanceLadder(LADDER_START, facts, rules, now).position;
}

function apply(
  progress: LadderProgress,
  fact: CustomerFact,
  rules: LadderRules,
  current: Stage | null,
): MoveReason {
  switch (fact.kind) {
    case 'lead':
      if (fact.leadKind === 'seen-ad') {
        progress.seenAd = true;
        return 'seen-ad';
      }
      progress.interested = progress.interested === 'signed-up' ? 'signed-up' : fact.leadKind;
      return fact.leadKind;
    case 'purchase': {
      const at = fact.at.getTime();
      const previous = progress.lastPurchaseAt;
      const lapsed = previous !== null && at - previous >= rules.lapseWindowMs;
      if (fact.referred) progress.referred = true;
      if (previous !== null && at - previous <= rules.repeatWindowMs) progress.repeatBuyer = true;
      progress.lastPurchaseAt = at;
      if (previous === null) return 'first-purchase';
      return lapsed && current === 'customer' && progress.repeatBuyer
        ? 'purchase-after-lapse'
        : 'repeat-purchase';
    }
    case 'answer':
      progress.answered = true;
      if (fact.score >= 9) progress.advocacy = 'promoter-answer';
      else if (fact.score <= 6) progress.advocacy = 'detractor-answer';
      return fact.score >= 9 ? 'promoter-answer' : fact.score <= 6 ? 'detractor-answer' : 'answered-survey';
    case 'referral-converted':
      progress.advocacy = 'referral-converted';
      return 'referral-converted';
  }
}

function stageOf(progress: LadderProgress, rules: LadderRules, at: number): Stage | null {
  const last = progress.lastPurchaseAt;
  if (last === null) {
    // A survey is answered about an order: an answer without a purchase on record still shows a customer.
    if (progress.answered) return 'customer';
    if (progress.interested || progress.referred) return 'prospect';
    return progress.seenAd ? 'suspect' : null;
  }
  const active = at - last < rules.lapseWindowMs;
  if (!progress.repeatBuyer || !active) return 'customer';
  return progress.advocacy === 'promoter-answer' || progress.advocacy === 'referral-converted'
    ? 'advocate'
    : 'client';
}

function lapseInstant(progress: LadderProgress, rules: LadderRules): number | null {
  const last = progress.lastPurchaseAt;
  return last === null ? null : last + rules.lapseWindowMs;
}

/** What has already been recorded (and published) of a customer's moves. */
export interface RecordedLadder {
  stage: Stage | null;
  /** When the last recorded move took effect; moves after it are new. */
  movesUntil: Date | null;
}

/**
 * The moves to record now: the timeline's moves after the last recorded one, chained from the recorded
 * stage, so consumers see each move once and every move starts where the previous one ended. When a late
 * event rewrote the past so that the timeline ends elsewhere than the chain, one `late-event` move (at
 * `now`) sets the stage right. Recording the result and asking again gives no further moves.
 */
export function newMoves(
  recorded: RecordedLadder,
  timeline: readonly StageTransition[],
  now: Date,
  /**
   * Where the customer stands now. A whole timeline ends there; the transitions of a kept tally may not
   * (none at all, when a late fact only undid a fall already recorded), so its caller says.
   */
  target: Stage | null = timeline[timeline.length - 1]?.to ?? null,
): StageTransition[] {
  const moves: StageTransition[] = [];
  let stage = recorded.stage;
  for (const transition of timeline) {
    if (recorded.movesUntil && transition.at.getTime() <= recorded.movesUntil.getTime()) continue;
    if (transition.to === stage) continue;
    moves.push({ at: transition.at, from: stage, to: transition.to, reason: transition.reason });
    stage = transition.to;
  }
  if (target !== null && target !== stage) {
    moves.push({ at: now, from: stage, to: target, reason: 'late-event' });
  }
  return moves;
}
