import type { CustomerEventMessage } from '#contracts';
import {
  advanceCustomer,
  EMPTY_TALLY,
  newMoves,
  sortsAfter,
  windowsOf,
  type ChurnReason,
  type CustomerFact,
  type CustomerModelRules,
  type CustomerState,
  type CustomerTally,
  type CustomerWindows,
  type MoveReason,
  type Stage,
} from '#domain';
import {
  CustomerEventRepository,
  CustomerFactRepository,
  CustomerStateRepository,
  RfmBoundaryRepository,
  type CustomerEventRow,
  type CustomerStateRow,
  type OutboxMessage,
  type StoredCustomerEvent,
  type StoredCustomerState,
} from '#persistence';
import type { OutboxTransaction } from '#outbox';
import { Inject, Injectable } from '@nestjs/common';
import { CUSTOMER_MODEL_RULES } from './customer-model.rules.js';

export interface RefreshResult {
  states: Map<string, CustomerState>;
  moves: number;
  /** Customers whose state had to be derived from their whole history (new, or a fact arrived late). */
  rebuilt: number;
  /** Facts read from PostgreSQL to derive the states. */
  factsRead: number;
}

/**
 * Keeps every customer's derived state true to their stored facts: in the scoring transaction for the
 * customers a batch touched, and from the sweep for customers whom time alone moved. Moves and churn
 * changes are recorded once, under the customer's row lock, and published through the outbox.
 *
 * A customer's history is not read again for every batch: their tally (sums, maxima, the last answers, the
 * ladder's fold) takes in the facts after the last one it folded, and PostgreSQL sums the RFM window and
 * measures the purchase rhythm without sending the purchases. Only a fact that sorts before the last
 * folded one (it arrived late) makes the state be derived again from every fact.
 */
@Injectable()
export class CustomerModelService {
  constructor(
    private readonly states: CustomerStateRepository,
    private readonly facts: CustomerFactRepository,
    private readonly events: CustomerEventRepository,
    private readonly boundaries: RfmBoundaryRepository,
    @Inject(CUSTOMER_MODEL_RULES) private readonly rules: CustomerModelRules,
  ) {}

  /**
   * Derives the customers' states again; their moves and churn changes go out on customer-events.v1.
   * `newFactsFrom` gives, for each customer with facts stored since their last refresh, the earliest
   * instant among those facts; a customer not in it has no new facts (time alone moved them).
   */
  async refresh(
    transaction: OutboxTransaction,
    customerIds: string[],
    now: Date,
    newFactsFrom: ReadonlyMap<string, Date> = new Map(),
  ): Promise<RefreshResult> {
    if (customerIds.length === 0) return { states: new Map(), moves: 0, rebuilt: 0, factsRead: 0 };
    const { manager } = transaction;
    const stored = await this.states.lockStates(manager, customerIds);
    const boundaries = await this.boundaries.loadBoundaries(manager);
    const { tallied, rebuilt } = this.partition(stored, newFactsFrom);

    const from = new Map<string, Date | null>([
      ...[...tallied].map(([id, tally]) => [id, tally.through ? new Date(tally.through.at) : null] as const),
      ...rebuilt.map((id) => [id, null] as const),
    ]);
    const facts = await this.facts.loadFacts(manager, from);
    // Each tallied customer's facts past what the tally folded, worked out once for the windows and the fold.
    const pending = new Map(
      [...tallied].map(([id, tally]) => [
        id,
        (facts.get(id) ?? []).filter((fact) => sortsAfter(fact, tally.through ?? null)),
      ]),
    );
    const pendingOf = (customerId: string): CustomerFact[] => pending.get(customerId) ?? [];
    const windows = await this.windows(manager, tallied, stored, pendingOf, now);

    const states = new Map<string, CustomerState>();
    const rows: CustomerStateRow[] = [];
    const events: CustomerEventRow[] = [];
    let moveCount = 0;

    for (const [customerId, previous] of stored) {
      const tally = tallied.get(customerId);
      const customerFacts = tally ? pendingOf(customerId) : (facts.get(customerId) ?? []);
      const {
        state,
        tally: next,
        transitions,
      } = advanceCustomer(
        tally ?? EMPTY_TALLY,
        customerFacts,
        this.rules,
        boundaries,
        windows.get(customerId) ?? windowsOf(customerFacts, this.rules, now),
        now,
      );
      const moves = newMoves(
        { stage: previous.stage, movesUntil: previous.movesUntil },
        transitions,
        now,
        state.stage,
      );
      moveCount += moves.length;
      for (const move of moves) {
        events.push({
          customerId,
          type: 'stage-changed',
          fromStage: move.from,
          toStage: move.to,
          homeStoreId: state.homeStoreId,
          details: { reason: move.reason },
          effectiveAt: move.at,
        });
      }
      if (churnChanged(previous.churnLevel, previous.churnReasons, state)) {
        events.push({
          customerId,
          type: 'churn-risk-changed',
          fromStage: null,
          toStage: null,
          homeStoreId: state.homeStoreId,
          details: {
            level: state.churn.level,
            previousLevel: previous.churnLevel,
            reasons: state.churn.reasons,
          },
          effectiveAt: now,
        });
      }
      const lastMove = moves[moves.length - 1];
      states.set(customerId, state);
      rows.push(toRow(customerId, state, lastMove?.at ?? previous.movesUntil, next));
    }

    await this.states.saveStates(manager, rows);
    await this.recordEvents(transaction, events);
    const factsRead = [...facts.values()].reduce((sum, list) => sum + list.length, 0);
    return { states, moves: moveCount, rebuilt: rebuilt.length, factsRead };
  }

  /** Which customers go on from their tally, and which are derived from every fact. */
  private partition(
    stored: Map<string, StoredCustomerState>,
    newFactsFrom: ReadonlyMap<string, Date>,
  ): { tallied: Map<string, CustomerTally>; rebuilt: string[] } {
    const tallied = new Map<string, CustomerTally>();
    const rebuilt: string[] = [];
    for (const [customerId, { tally }] of stored) {
      const earliest = newFactsFrom.get(customerId);
      // A new fact at or before the last folded one may sort before it: the fold starts again.
      const late = earliest !== undefined && tally?.through && earliest.getTime() <= tally.through.at;
      if (tally && !late) tallied.set(customerId, tally);
      else rebuilt.push(customerId);
    }
    return { tallied, rebuilt };
  }

  /**
   * The windows of the customers that go on from their tally, from PostgreSQL: the RFM window's spend, and
   * the purchase rhythm measured again only for those with a new purchase to count.
   */
  private async windows(
    manager: OutboxTransaction['manager'],
    tallied: Map<string, CustomerTally>,
    stored: Map<string, StoredCustomerState>,
    pendingOf: (customerId: string) => CustomerFact[],
    now: Date,
  ): Promise<Map<string, CustomerWindows>> {
    const ids = [...tallied.keys()];
    const spend = await this.facts.windowSpend(manager, ids, now, this.rules.rfmWindowMs);
    const purchased = ids.filter((id) =>
      pendingOf(id).some((fact) => fact.kind === 'purchase' && fact.at.getTime() <= now.getTime()),
    );
    const intervals = await this.facts.usualIntervals(
      manager,
      purchased,
      now,
      this.rules.churn.minimumPurchases,
    );
    return new Map(
      ids.map((id) => [
        id,
        {
          usualIntervalDays: intervals.has(id)
            ? intervals.get(id)!
            : (stored.get(id)?.usualIntervalDays ?? null),
          recentSpend: spend.get(id) ?? [],
        },
      ]),
    );
  }

  /**
   * Records events in the customer's history (a move, a club join, a confirmed referral, a reward,
   * unsubscribing) in the caller's transaction, and publishes them on customer-events.v1 after its commit.
   */
  async recordEvents(transaction: OutboxTransaction, events: CustomerEventRow[]): Promise<void> {
    const recorded = await this.events.insertEvents(transaction.manager, events);
    transaction.publish(recorded.map(toOutboxMessage));
  }
}

function churnChanged(previousLevel: string, previousReasons: unknown[], state: CustomerState): boolean {
  const codes = (reasons: unknown[]) =>
    reasons
      .map((reason) => (reason as { code: string }).code)
      .sort()
      .join(',');
  return previousLevel !== state.churn.level || codes(previousReasons) !== codes(state.churn.reasons);
}

function toRow(
  customerId: string,
  state: CustomerState,
  movesUntil: Date | null,
  tally: CustomerTally,
): CustomerStateRow {
  return {
    customerId,
    tally,
    stage: state.stage,
    stageSince: state.stageSince,
    movesUntil,
    homeStoreId: state.homeStoreId,
    valueMinor: state.valueMinor,
    purchaseCount: state.purchaseCount,
    firstPurchaseAt: state.firstPurchaseAt,
    lastPurchaseAt: state.lastPurchaseAt,
    usualIntervalDays: state.usualIntervalDays,
    lastScore: state.lastScore,
    lastAnswerAt: state.lastAnswerAt,
    recencyScore: state.rfm?.recency ?? null,
    frequencyScore: state.rfm?.frequency ?? null,
    monetaryScore: state.rfm?.monetary ?? null,
    rfmFrequency: state.rfm?.metrics.frequency ?? null,
    rfmMonetaryMinor: state.rfm?.metrics.monetary.amountMinor ?? null,
    rfmCurrency: state.rfm?.metrics.monetary.currency ?? null,
    segment: state.segment,
    churnLevel: state.churn.level,
    churnReasons: state.churn.reasons,
    nextReviewAt: state.nextReviewAt,
  };
}

/** The wire form of a recorded customer event. */
export function customerEventMessage(event: StoredCustomerEvent): CustomerEventMessage {
  const base = {
    eventId: `ce-${event.id}`,
    customerId: event.customerId,
    storeId: event.homeStoreId,
    occurredAt: event.effectiveAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
  };
  switch (event.type) {
    case 'stage-changed':
      return {
        ...base,
        type: 'stage-changed',
        from: event.fromStage as Stage | null,
        to: event.toStage as Stage,
        reason: event.details.reason as MoveReason,
      };
    case 'churn-risk-changed':
      return {
        ...base,
        type: 'churn-risk-changed',
        level: event.details.level as 'none' | 'watch' | 'high',
        previousLevel: event.details.previousLevel as 'none' | 'watch' | 'high',
        reasons: event.details.reasons as ChurnReason[],
      };
    default:
      // The promoter loop's events carry their details as recorded (libs/loyalty writes them to the contract).
      return { ...base, type: event.type, details: event.details } as CustomerEventMessage;
  }
}

function toOutboxMessage(event: StoredCustomerEvent): OutboxMessage {
  return {
    kind: 'kafka',
    topic: 'customer-events',
    key: event.customerId,
    value: customerEventMessage(event),
  };
}
