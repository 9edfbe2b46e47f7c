import { latestPurchaseTime, sortFacts, type CustomerFact } from './customer-fact.js';

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

interface Progress {
  seenAd: boolean;
  interested: 'showed-interest' | 'signed-up' | null;
  referred: boolean;
  answered: boolean;
  purchases: number[];
  repeatBuyer: boolean;
  /** The latest of: promoter answer (+), converted referral (+), detractor answer (−). Passives say nothing. */
  advocacy: 'promoter-answer' | 'referral-converted' | 'detractor-answer' | null;
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
  const progress: Progress = {
    seenAd: false,
    interested: null,
    referred: false,
    answered: false,
    purchases: [],
    repeatBuyer: false,
    advocacy: null,
  };
  const transitions: StageTransition[] = [];
  let current: Stage | null = null;
  const move = (at: Date, reason: MoveReason) => {
    const next = stageOf(progress, rules, at.getTime());
    if (next !== null && next !== current) {
      transitions.push({ at, from: current, to: next, reason });
      current = next;
    }
  };
  const fallsBefore = (limit: number) => {
    const lapseAt = lapseInstant(progress, rules);
    if (lapseAt !== null && lapseAt <= limit && (current === 'client' || current === 'advocate')) {
      move(new Date(lapseAt), 'no-purchase-within-window');
    }
  };

  for (const fact of sortFacts(facts).filter((item) => item.at.getTime() <= now.getTime())) {
    const at = fact.at.getTime();
    fallsBefore(at);
    const reason = apply(progress, fact, rules, current);
    move(fact.at, reason);
  }
  fallsBefore(now.getTime());
  return transitions;
}

/** Where the customer stands now on the ladder, and when time alone would move them. */
export function ladderPosition(
  facts: readonly CustomerFact[],
  rules: LadderRules,
  now: Date,
): LadderPosition {
  const timeline = stageTimeline(facts, rules, now);
  const last = timeline[timeline.length - 1];
  if (!last) return { stage: null, since: null, changesAt: null };
  const lapseAt =
    last.to === 'client' || last.to === 'advocate'
      ? latestPurchaseTime(facts, now) + rules.lapseWindowMs
      : null;
  return {
    stage: last.to,
    since: last.at,
    changesAt: lapseAt !== null && lapseAt > now.getTime() ? new Date(lapseAt) : null,
  };
}

function apply(
  progress: Progress,
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
      const previous = progress.purchases[progress.purchases.length - 1];
      const lapsed = previous !== undefined && at - previous >= rules.lapseWindowMs;
      if (fact.referred) progress.referred = true;
      if (previous !== undefined && at - previous <= rules.repeatWindowMs) progress.repeatBuyer = true;
      progress.purchases.push(at);
      if (previous === undefined) return 'first-purchase';
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

function stageOf(progress: Progress, rules: LadderRules, at: number): Stage | null {
  const last = progress.purchases[progress.purchases.length - 1];
  if (last === undefined) {
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

function lapseInstant(progress: Progress, rules: LadderRules): number | null {
  const last = progress.purchases[progress.purchases.length - 1];
  return last === undefined ? null : last + rules.lapseWindowMs;
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
): StageTransition[] {
  const moves: StageTransition[] = [];
  let stage = recorded.stage;
  for (const transition of timeline) {
    if (recorded.movesUntil && transition.at.getTime() <= recorded.movesUntil.getTime()) continue;
    if (transition.to === stage) continue;
    moves.push({ at: transition.at, from: stage, to: transition.to, reason: transition.reason });
    stage = transition.to;
  }
  const target = timeline[timeline.length - 1]?.to ?? null;
  if (target !== null && target !== stage) {
    moves.push({ at: now, from: stage, to: target, reason: 'late-event' });
  }
  return moves;
}
