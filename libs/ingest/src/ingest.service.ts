import { LADDER_CONFIG, type LadderConfig } from '#config';
import {
  deadLetterEvent,
  feedbackEvent,
  inputTopicOf,
  jobRequest,
  type JobPayload,
  type SurveyEvent,
} from '#contracts';
import { CustomerModelService, TRIAGE_RULES } from '#customer-model';
import { StorePolicies, UnknownStoreAlerts } from '#directory';
import { RecoveryService } from '#follow-up';
import { answerTriggers, type TriageRules } from '#domain';
import { CrossSellConversions } from '#loyalty';
import { isDataError, type ConsumedMessage } from '#messaging';
import { LadderMetrics } from '#observability';
import { TransactionalOutbox, type OutboxTransaction } from '#outbox';
import {
  IngestRepository,
  PointsRepository,
  type LeadRow,
  type OutboxMessage,
  type PurchaseRow,
  type RefundRow,
  type SurveyAnswerRow,
} from '#persistence';
import { anonymised, ErasedCustomers } from '#privacy';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeBatch, type AcceptedMessage, type RejectedMessage } from './decode-batch.js';
import { foldCustomers, foldNps } from './fact-folds.js';
import { answerRow, deadLetterRow, leadRow, purchaseRow, refundRow } from './fact-rows.js';

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/**
 * Ingests one Kafka batch: validates every message, stores the new facts, counts the answers in the NPS
 * read model, and decides the effects (follow-up cases, invitations, feedback events, dead letters), all
 * in one transaction with the eventId guard, so a redelivered or replayed message changes nothing.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    private readonly transactions: TransactionalOutbox,
    private readonly ingest: IngestRepository,
    private readonly stores: StorePolicies,
    private readonly unknownStores: UnknownStoreAlerts,
    private readonly customerModel: CustomerModelService,
    private readonly recovery: RecoveryService,
    private readonly crossSell: CrossSellConversions,
    private readonly erased: ErasedCustomers,
    private readonly points: PointsRepository,
    private readonly metrics: LadderMetrics,
    @Inject(TRIAGE_RULES) private readonly triageRules: TriageRules,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async ingestBatch(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    const stopTimer = this.metrics.batchDuration.startTimer();
    const { accepted, rejected } = decodeBatch(this.config.kafka.topicPrefix, messages, {
      maxFutureMs: this.config.resilience.eventMaxFutureMs,
      maxAgeMs: this.config.resilience.eventMaxAgeMs,
    });
    const outcome = await this.storeIsolatingBadData(accepted, rejected);
    stopTimer();
    this.metrics.batchSize.observe(messages.length);
    const first = messages[0]!;
    this.logger.log({
      message: 'batch scored',
      topic: first.topic,
      partition: first.partition,
      firstOffset: first.offset,
      lastOffset: messages[messages.length - 1]!.offset,
      ...outcome,
    });
    return outcome;
  }

  /**
   * Stores the batch; when the database refuses some data (a value out of range, a broken constraint) it
   * splits the batch until it finds the message at fault and dead-letters it, so one bad message never
   * blocks its partition. Anything else (the database is down) is thrown for the consumer to retry.
   */
  private async storeIsolatingBadData(
    accepted: AcceptedMessage[],
    rejected: RejectedMessage[],
  ): Promise<BatchOutcome> {
    try {
      return await this.store(accepted, rejected);
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (accepted.length <= 1) {
        const failed = accepted.map(({ message }) => ({
          message,
          rejection: {
            code: 'processing-failed' as const,
            message: `the event is valid but could not be stored: ${(error as Error).message}`,
          },
        }));
        return this.storeRejections([...rejected, ...failed]);
      }
      const middle = Math.ceil(accepted.length / 2);
      const left = await this.storeIsolatingBadData(accepted.slice(0, middle), rejected);
      const right = await this.storeIsolatingBadData(accepted.slice(middle), []);
      return {
        accepted: left.accepted + right.accepted,
        duplicates: left.duplicates + right.duplicates,
        rejected: left.rejected + right.rejected,
      };
    }
  }

  /**
   * Dead-letters what nothing else would take. Its rows are made storable whatever the message carried; if
   * the database still refuses them, they go again with the bytes and the code only, so no message can
   * hold up its partition.
   */
  private async storeRejections(rejected: RejectedMessage[]): Promise<BatchOutcome> {
    try {
      return await this.store([], rejected);
    } catch (error) {
      if (!isDataError(error)) throw error;
      this.logger.error({
        message: 'dead letters refused; stored with their bytes only',
        error: (error as Error).message,
      });
      return this.store(
        [],
        rejected.map(({ message, rejection }) => ({
          message: { ...message, key: null },
          rejection: {
            code: rejection.code,
            message: 'the reason could not be stored; see the original bytes',
          },
        })),
      );
    }
  }

  private async store(accepted: AcceptedMessage[], rejected: RejectedMessage[]): Promise<BatchOutcome> {
    const fresh = await this.transactions.run(async (transaction) => {
      const { manager } = transaction;
      const firstOccurrences = new Map<string, AcceptedMessage>();
      for (const item of accepted) {
        if (!firstOccurrences.has(item.input.event.eventId))
          firstOccurrences.set(item.input.event.eventId, item);
      }
      const newIds = await this.ingest.claimEvents(
        manager,
        [...firstOccurrences.values()].map(({ message, input }) => ({
          eventId: input.event.eventId,
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
        })),
      );
      const fresh = new Set(
        [...firstOccurrences.values()].filter(({ input }) => newIds.has(input.event.eventId)),
      );
      await this.storeFacts(transaction, [...fresh]);
      const rejections = await this.erased.withoutErasedData(manager, rejected);
      const newDeadLetters = await this.ingest.insertDeadLetters(manager, rejections.map(deadLetterRow));
      const rejectedAt = new Date();
      transaction.publish(
        newDeadLetters.map((deadLetter) => ({
          kind: 'kafka' as const,
          topic: 'dlq' as const,
          key: deadLetter.key ?? '',
          value: deadLetterEvent(deadLetter, this.config.kafka.consumerGroup, rejectedAt),
        })),
      );
      return fresh;
    });
    this.count(accepted, fresh, rejected);
    return { accepted: fresh.size, duplicates: accepted.length - fresh.size, rejected: rejected.length };
  }

  /** What a committed batch did, for ladder_events_consumed_total and ladder_events_dead_lettered_total. */
  private count(accepted: AcceptedMessage[], fresh: Set<AcceptedMessage>, rejected: RejectedMessage[]): void {
    for (const item of accepted) {
      const outcome = fresh.has(item) ? 'accepted' : 'repeat';
      this.metrics.eventsConsumed.inc({ topic: item.input.topic, outcome });
    }
    for (const { message, rejection } of rejected) {
      const topic = inputTopicOf(this.config.kafka.topicPrefix, message.topic) ?? 'unknown';
      this.metrics.eventsConsumed.inc({ topic, outcome: 'dead_lettered' });
      this.metrics.eventsDeadLettered.inc({ topic, reason: rejection.code });
    }
  }

  private async storeFacts(transaction: OutboxTransaction, fresh: AcceptedMessage[]): Promise<void> {
    if (fresh.length === 0) return;
    const { manager } = transaction;
    const now = new Date();
    const stores = await this.stores.ofMany(manager, [
      ...new Set(fresh.map(({ input }) => input.event.storeId)),
    ]);
    // An erased customer's events are counted under their pseudonym, with nothing personal (docs/privacy.md).
    const erased = await this.erased.erasedAmong(
      manager,
      fresh.map(({ input }) => input.event.customer.id),
    );
    const events = fresh.map((item) => {
      const pseudonym = erased.get(item.input.event.customer.id);
      const input = pseudonym ? anonymised(item.input, pseudonym) : item.input;
      return { ...item, input, occurredAt: new Date(input.event.occurredAt) };
    });
    const surveys = events.filter(
      (item): item is (typeof events)[number] & { input: { topic: 'surveys'; event: SurveyEvent } } =>
        item.input.topic === 'surveys',
    );
    const flood = await this.floodContext(manager, surveys);
    // A member's purchases, answers and refunds move their points (docs/promoter-loop.md, Points).
    const members = await this.points.membersAmong(manager, [
      ...new Set(events.map(({ input }) => input.event.customer.id)),
    ]);
    const answers: SurveyAnswerRow[] = [];
    const purchases: PurchaseRow[] = [];
    const leads: LeadRow[] = [];
    const refunds: RefundRow[] = [];
    const jobs: OutboxMessage[] = [];
    const detractors: string[] = [];
    const invitees: string[] = [];
    const thanked: string[] = [];

    for (const { message, input, occurredAt } of events) {
      const store = stores.get(input.event.storeId)!;
      if (input.topic === 'surveys') {
        const answer = answerRow(
          input.event,
          message,
          occurredAt,
          store.timeZone,
          flood.otherAnswerTimes(input.event),
          this.triageRules,
        );
        answers.push(answer);
        const triggers = answerTriggers(answer);
        if (triggers.followUpCase) detractors.push(answer.eventId);
        else if (triggers.loyaltyInvitation.invite) invitees.push(answer.eventId);
        else if (triggers.promoterThanks) thanked.push(answer.eventId);
        if (triggers.surveyPoints && members.has(answer.customerId))
          jobs.push(pointsJob('survey', answer.eventId));
      } else if (input.topic === 'purchases' && input.event.refundOf !== undefined) {
        // A return, not a purchase: what the returned purchase used is given back on the loyalty queue.
        refunds.push(refundRow({ ...input.event, refundOf: input.event.refundOf }, message, occurredAt));
        const refundEventId = input.event.eventId;
        jobs.push(loyaltyJob('reverse-redemption', refundEventId, { refundEventId }));
        if (members.has(input.event.customer.id))
          jobs.push(loyaltyJob('reverse-points', refundEventId, { refundEventId }));
      } else if (input.topic === 'purchases') {
        const purchase = purchaseRow(input.event, message, occurredAt);
        purchases.push(purchase);
        const purchaseEventId = input.event.eventId;
        // A friend's purchase with a member's code: the referral is recorded and checked on the loyalty queue.
        if (input.event.referralCode?.trim()) {
          jobs.push(loyaltyJob('record-referral', purchaseEventId, { purchaseEventId }));
        }
        // Paid with a voucher: redeemed once, or refused with its reason, on the loyalty queue.
        if (purchase.voucherCode)
          jobs.push(loyaltyJob('redeem-voucher', purchaseEventId, { purchaseEventId }));
        if (members.has(purchase.customerId)) jobs.push(pointsJob('purchase', purchaseEventId));
      } else {
        leads.push(leadRow(input.event, message, occurredAt));
      }
    }
    // The batch's detractors open or join their cases together, in one job and one transaction; its
    // promoters are invited or thanked the same way.
    jobs.push(
      ...batchJob('open-follow-up-cases', detractors),
      ...batchJob('invite-promoters', invitees),
      ...batchJob('thank-promoters', thanked),
    );
    transaction.publish(jobs);

    const customers = foldCustomers(events);
    await this.ingest.upsertCustomers(manager, customers);
    await this.ingest.insertSurveyAnswers(manager, answers);
    await this.ingest.insertPurchases(manager, purchases);
    await this.ingest.insertLeads(manager, leads);
    await this.ingest.insertRefunds(manager, refunds);
    await this.ingest.incrementNps(manager, foldNps(answers));
    // The customers' state follows from all their facts, new ones included, in this same transaction.
    const customerIds = customers.map((customer) => customer.id);
    const refreshed = await this.customerModel.refresh(transaction, customerIds, now, earliestFacts(events));
    // A purchase or a higher answer after a resolved case shows the recovery worked.
    await this.recovery.recordRecoveries(manager, customerIds);
    // A purchase of a category offered to the customer converts the offer, once.
    if (purchases.length > 0)
      await this.crossSell.recordConversions(manager, [...new Set(purchases.map((row) => row.customerId))]);
    // `answers` follows `surveys`, one row per answer, in the same order.
    transaction.publish(
      answers.map((answer, index) => ({
        kind: 'kafka' as const,
        topic: 'feedback' as const,
        key: answer.customerId,
        value: feedbackEvent(
          answer,
          surveys[index]!.input.event.occurredAt,
          stores.get(answer.storeId)!,
          refreshed.states.get(answer.customerId),
        ),
      })),
    );
    const unknown = [...stores.values()].filter((store) => !store.known).map((store) => store.storeId);
    await this.unknownStores.tellAdmin(transaction, unknown);
  }

  /** The flood rule sees the customer's stored answers and the others of this batch, never the answer itself. */
  private async floodContext(
    manager: EntityManager,
    surveys: ReadonlyArray<{ input: { event: SurveyEvent }; occurredAt: Date }>,
  ) {
    const batchAnswers = new Map<string, Array<{ eventId: string; at: Date }>>();
    for (const { input, occurredAt } of surveys) {
      const list = batchAnswers.get(input.event.customer.id) ?? [];
      list.push({ eventId: input.event.eventId, at: occurredAt });
      batchAnswers.set(input.event.customer.id, list);
    }
    // Only answers in the flood rule's span before one of the batch's can count for it.
    const span = this.triageRules.flood.withinMs;
    const stored = await this.ingest.answerTimes(
      manager,
      [...batchAnswers].map(([customerId, list]) => {
        const instants = list.map((other) => other.at.getTime());
        return {
          customerId,
          since: new Date(Math.min(...instants) - span),
          until: new Date(Math.max(...instants)),
        };
      }),
    );
    return {
      otherAnswerTimes: (event: SurveyEvent): Date[] => [
        ...(stored.get(event.customer.id) ?? []),
        ...(batchAnswers.get(event.customer.id) ?? [])
          .filter((other) => other.eventId !== event.eventId)
          .map((other) => other.at),
      ],
    };
  }
}

/** The instant of each customer's earliest new fact: the customer model folds from there. */
function earliestFacts(
  events: ReadonlyArray<{ input: { event: { customer: { id: string } } }; occurredAt: Date }>,
): Map<string, Date> {
  const earliest = new Map<string, Date>();
  for (const { input, occurredAt } of events) {
    const known = earliest.get(input.event.customer.id);
    if (!known || occurredAt < known) earliest.set(input.event.customer.id, occurredAt);
  }
  return earliest;
}

/**
 * One job for a batch's answers of one kind, none without any. Its key names the first and last answers and
 * their number: each answer is claimed by one batch only, so a batch stored again after a failure asks for
 * the same job, and no other batch can.
 */
function batchJob(
  name: 'open-follow-up-cases' | 'invite-promoters' | 'thank-promoters',
  surveyEventIds: string[],
): OutboxMessage[] {
  if (surveyEventIds.length === 0) return [];
  const key = `${surveyEventIds[0]}/${surveyEventIds.length}/${surveyEventIds[surveyEventIds.length - 1]}`;
  return [{ kind: 'job', job: jobRequest(name, key, { surveyEventIds }) }];
}

/** A member's purchase or answer earns points on the loyalty queue. */
function pointsJob(source: 'purchase' | 'survey', eventId: string): OutboxMessage {
  return { kind: 'job', job: jobRequest('earn-points', `${source}:${eventId}`, { source, eventId }) };
}

function loyaltyJob<
  Name extends 'record-referral' | 'redeem-voucher' | 'reverse-redemption' | 'reverse-points',
>(name: Name, key: string, payload: JobPayload<Name>): OutboxMessage {
  return { kind: 'job', job: jobRequest(name, key, payload) };
}
