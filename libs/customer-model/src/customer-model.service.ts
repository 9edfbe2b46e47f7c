import type { CustomerEventMessage } from '#contracts';
import {
  deriveCustomerState,
  newMoves,
  stageTimeline,
  type ChurnReason,
  type CustomerFact,
  type CustomerModelRules,
  type CustomerState,
  type MoveReason,
  type Stage,
} from '#domain';
import {
  CustomerEventRepository,
  CustomerStateRepository,
  RfmBoundaryRepository,
  type CustomerEventRow,
  type CustomerStateRow,
  type OutboxMessage,
  type StoredCustomerEvent,
} from '#persistence';
import type { OutboxTransaction } from '#outbox';
import { Inject, Injectable } from '@nestjs/common';
import { CUSTOMER_MODEL_RULES } from './customer-model.rules.js';

export interface RefreshResult {
  states: Map<string, CustomerState>;
  /** The facts the states were derived from, for other rules that read them in the same transaction. */
  facts: Map<string, CustomerFact[]>;
  moves: number;
}

/**
 * Keeps every customer's derived state true to their stored facts: in the scoring transaction for the
 * customers a batch touched, and from the sweep for customers whom time alone moved. Moves and churn
 * changes are recorded once, under the customer's row lock, and published through the outbox.
 */
@Injectable()
export class CustomerModelService {
  constructor(
    private readonly states: CustomerStateRepository,
    private readonly events: CustomerEventRepository,
    private readonly boundaries: RfmBoundaryRepository,
    @Inject(CUSTOMER_MODEL_RULES) private readonly rules: CustomerModelRules,
  ) {}

  /** Derives the customers' states again; their moves and churn changes go out on customer-events.v1. */
  async refresh(transaction: OutboxTransaction, customerIds: string[], now: Date): Promise<RefreshResult> {
    if (customerIds.length === 0) return { states: new Map(), facts: new Map(), moves: 0 };
    const { manager } = transaction;
    const stored = await this.states.lockStates(manager, customerIds);
    const facts = await this.states.loadFacts(manager, [...stored.keys()]);
    const boundaries = await this.boundaries.loadBoundaries(manager);
    const states = new Map<string, CustomerState>();
    const rows: CustomerStateRow[] = [];
    const events: CustomerEventRow[] = [];
    let moveCount = 0;

    for (const [customerId, previous] of stored) {
      const customerFacts = facts.get(customerId) ?? [];
      const state = deriveCustomerState(customerFacts, this.rules, boundaries, now);
      const moves = newMoves(
        { stage: previous.stage, movesUntil: previous.movesUntil },
        stageTimeline(customerFacts, this.rules.ladder, now),
        now,
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
      rows.push(toRow(customerId, state, lastMove?.at ?? previous.movesUntil));
    }

    await this.states.saveStates(manager, rows);
    await this.recordEvents(transaction, events);
    return { states, facts, moves: moveCount };
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

function toRow(customerId: string, state: CustomerState, movesUntil: Date | null): CustomerStateRow {
  return {
    customerId,
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
