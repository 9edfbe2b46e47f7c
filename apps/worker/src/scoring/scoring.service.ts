import { LADDER_CONFIG, type LadderConfig } from '#config';
import {
  decodeInputEvent,
  inputTopicOf,
  jobRequest,
  type DeadLetterEvent,
  type FeedbackEvent,
  type InputEvent,
  type LeadEvent,
  type PurchaseEvent,
  type Rejection,
  type SurveyEvent,
} from '#contracts';
import { CustomerModelService, TRIAGE_RULES } from '#customer-model';
import { RecoveryService } from '#follow-up';
import { classify, localDay, triageComment, type CustomerState, type TriageRules } from '#domain';
import { isDataError, type ConsumedMessage } from '#messaging';
import { NotificationScheduler, TransactionalOutbox, type OutboxTransaction } from '#outbox';
import {
  DirectoryRepository,
  IngestRepository,
  type CustomerObservation,
  type DeadLetterRow,
  type LeadRow,
  type NpsIncrement,
  type OutboxMessage,
  type PurchaseRow,
  type StoreRouting,
  type SurveyAnswerRow,
} from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';

interface AcceptedMessage {
  message: ConsumedMessage;
  input: InputEvent;
}

interface RejectedMessage {
  message: ConsumedMessage;
  rejection: Rejection;
}

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/**
 * Scores one Kafka batch: validates every message, stores the new facts, counts the answers in the NPS
 * read model, and decides the effects (follow-up cases, invitations, feedback events, dead letters), all
 * in one transaction with the eventId guard, so a redelivered or replayed message changes nothing.
 */
@Injectable()
export class ScoringService {
  private readonly logger = new Logger(ScoringService.name);

  constructor(
    private readonly transactions: TransactionalOutbox,
    private readonly ingest: IngestRepository,
    private readonly directory: DirectoryRepository,
    private readonly notifications: NotificationScheduler,
    private readonly customerModel: CustomerModelService,
    private readonly recovery: RecoveryService,
    @Inject(TRIAGE_RULES) private readonly triageRules: TriageRules,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async scoreBatch(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    const accepted: AcceptedMessage[] = [];
    const rejected: RejectedMessage[] = [];
    for (const message of messages) {
      const topic = inputTopicOf(this.config.kafka.topicPrefix, message.topic);
      if (topic === null)
        throw new Error(`scoring consumed ${message.topic}, which is not one of its input topics`);
      const result = decodeInputEvent(topic, message.value);
      if (result.ok) accepted.push({ message, input: result.value });
      else rejected.push({ message, rejection: result.rejection });
    }
    const outcome = await this.storeIsolatingBadData(accepted, rejected);
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
        return this.store([], [...rejected, ...failed]);
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

  private async store(accepted: AcceptedMessage[], rejected: RejectedMessage[]): Promise<BatchOutcome> {
    return this.transactions.run(async (transaction) => {
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
      const fresh = [...firstOccurrences.values()].filter(({ input }) => newIds.has(input.event.eventId));
      const outboxMessages: OutboxMessage[] = [];
      await this.storeFacts(transaction, fresh, outboxMessages);
      const newDeadLetters = await this.ingest.insertDeadLetters(manager, rejected.map(toDeadLetterRow));
      for (const deadLetter of newDeadLetters) {
        outboxMessages.push({
          kind: 'kafka',
          topic: 'dlq',
          key: deadLetter.key ?? '',
          value: this.deadLetterEvent(deadLetter),
        });
      }
      transaction.publish(outboxMessages);
      return {
        accepted: fresh.length,
        duplicates: accepted.length - fresh.length,
        rejected: rejected.length,
      };
    });
  }

  private async storeFacts(
    transaction: OutboxTransaction,
    fresh: AcceptedMessage[],
    outbox: OutboxMessage[],
  ): Promise<void> {
    if (fresh.length === 0) return;
    const { manager } = transaction;
    const now = new Date();
    const stores = await this.directory.routing(manager, [
      ...new Set(fresh.map(({ input }) => input.event.storeId)),
    ]);
    const surveys = fresh.filter(
      (item): item is AcceptedMessage & { input: { topic: 'surveys' } } => item.input.topic === 'surveys',
    );
    const earlierAnswers = await this.ingest.answerTimes(manager, [
      ...new Set(surveys.map(({ input }) => input.event.customer.id)),
    ]);
    const answers: SurveyAnswerRow[] = [];
    const purchases: PurchaseRow[] = [];
    const leads: LeadRow[] = [];
    const customers = new CustomerFold();
    const nps = new NpsFold();
    const unknownStores = new Set<string>();

    for (const { message, input } of fresh) {
      const store = stores.get(input.event.storeId);
      if (!store) unknownStores.add(input.event.storeId);
      const occurredAt = new Date(input.event.occurredAt);
      customers.observe(input, occurredAt);
      if (input.topic === 'surveys') {
        // The flood rule sees the customer's stored answers and the others of this batch, never this one.
        const others = [
          ...(earlierAnswers.get(input.event.customer.id) ?? []),
          ...surveys
            .filter(
              (other) =>
                other.input.event.customer.id === input.event.customer.id &&
                other.input.event.eventId !== input.event.eventId,
            )
            .map((other) => new Date(other.input.event.occurredAt)),
        ];
        const answer = this.answerRow(input.event, message, occurredAt, store, others);
        answers.push(answer);
        nps.add(answer);
        if (answer.classification === 'detractor') {
          outbox.push({
            kind: 'job',
            job: jobRequest('open-follow-up-case', answer.eventId, { surveyEventId: answer.eventId }),
          });
        } else if (answer.classification === 'promoter' && answer.marketingConsent === true) {
          outbox.push({
            kind: 'job',
            job: jobRequest('invite-to-loyalty-club', answer.eventId, { surveyEventId: answer.eventId }),
          });
        }
      } else if (input.topic === 'purchases') {
        purchases.push(purchaseRow(input.event, message, occurredAt));
        // A friend's purchase with a member's code: the referral is recorded and checked on the loyalty queue.
        if (input.event.referralCode?.trim()) {
          outbox.push({
            kind: 'job',
            job: jobRequest('record-referral', input.event.eventId, { purchaseEventId: input.event.eventId }),
          });
        }
      } else {
        leads.push(leadRow(input.event, message, occurredAt));
      }
    }

    await this.ingest.upsertCustomers(manager, customers.observations());
    await this.ingest.insertSurveyAnswers(manager, answers);
    await this.ingest.insertPurchases(manager, purchases);
    await this.ingest.insertLeads(manager, leads);
    await this.ingest.incrementNps(manager, nps.increments());
    // The customers' state follows from all their facts, new ones included, in this same transaction.
    const refreshed = await this.customerModel.refresh(
      transaction,
      customers.observations().map((customer) => customer.id),
      now,
    );
    // A purchase or a higher answer after a resolved case shows the recovery worked.
    await this.recovery.recordRecoveries(manager, refreshed.facts);
    for (const answer of answers) {
      const event = surveys.find(({ input }) => input.event.eventId === answer.eventId)!.input.event;
      outbox.push({
        kind: 'kafka',
        topic: 'feedback',
        key: answer.customerId,
        value: feedbackEvent(
          event,
          answer,
          stores.get(answer.storeId),
          refreshed.states.get(answer.customerId),
        ),
      });
    }
    if (unknownStores.size > 0) await this.tellAdminAboutUnknownStores(transaction, [...unknownStores]);
  }

  /** Nothing is dropped for want of configuration (DESIGN.md §4.4); an admin is told, once per store. */
  private async tellAdminAboutUnknownStores(transaction: OutboxTransaction, storeIds: string[]) {
    const created = await this.notifications.schedule(
      transaction,
      storeIds.map((storeId) => ({
        key: `unknown-store:${storeId}`,
        kind: 'unknown-store' as const,
        recipientEmail: this.config.adminEmail,
        recipientName: null,
        locale: 'en',
        subjectIds: { storeId },
      })),
    );
    for (const notification of created) {
      this.logger.warn({
        message: 'event for a store the directory does not know',
        notificationKey: notification.key,
      });
    }
  }

  private answerRow(
    event: SurveyEvent,
    message: ConsumedMessage,
    occurredAt: Date,
    store: StoreRouting | undefined,
    otherAnswerTimes: Date[],
  ): SurveyAnswerRow {
    const triage = triageComment(
      { comment: event.comment ?? null, score: event.score, occurredAt, otherAnswerTimes },
      this.triageRules,
    );
    return {
      eventId: event.eventId,
      customerId: event.customer.id,
      storeId: event.storeId,
      employeeId: event.employeeId ?? null,
      orderId: event.orderId ?? null,
      score: event.score,
      classification: classify(event.score),
      comment: event.comment ?? null,
      channel: event.channel ?? null,
      marketingConsent: event.consent?.marketing ?? null,
      occurredAt,
      localDay: localDay(occurredAt, store?.timezone ?? this.config.defaultTimeZone),
      language: event.comment ? triage.language : null,
      themes: triage.themes,
      quality: triage.quality,
      qualityFlags: triage.flags,
      partition: message.partition,
      offset: message.offset,
    };
  }

  private deadLetterEvent(row: DeadLetterRow): DeadLetterEvent {
    return {
      source: {
        topic: row.topic,
        partition: row.partition,
        offset: row.offset,
        key: row.key,
        timestamp: null,
      },
      valueBase64: row.value === null ? null : row.value.toString('base64'),
      reason: {
        code: row.reasonCode as Rejection['code'],
        message: row.reasonMessage,
        ...(row.fields ? { fields: row.fields as Rejection['fields'] } : {}),
      },
      consumerGroup: this.config.kafka.consumerGroup,
      rejectedAt: new Date().toISOString(),
    };
  }
}

function toDeadLetterRow({ message, rejection }: RejectedMessage): DeadLetterRow {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString('utf8'),
    value: message.value,
    reasonCode: rejection.code,
    reasonMessage: rejection.message,
    fields: rejection.fields ?? null,
  };
}

function purchaseRow(event: PurchaseEvent, message: ConsumedMessage, occurredAt: Date): PurchaseRow {
  return {
    eventId: event.eventId,
    customerId: event.customer.id,
    storeId: event.storeId,
    employeeId: event.employeeId ?? null,
    orderId: event.orderId,
    amountMinor: event.total.amountMinor,
    currency: event.total.currency,
    items: event.items ?? null,
    channel: event.channel ?? null,
    referralCode: event.referralCode ?? null,
    occurredAt,
    partition: message.partition,
    offset: message.offset,
  };
}

function leadRow(event: LeadEvent, message: ConsumedMessage, occurredAt: Date): LeadRow {
  return {
    eventId: event.eventId,
    customerId: event.customer.id,
    storeId: event.storeId,
    kind: event.kind,
    occurredAt,
    partition: message.partition,
    offset: message.offset,
  };
}

function feedbackEvent(
  event: SurveyEvent,
  answer: SurveyAnswerRow,
  store: StoreRouting | undefined,
  customer: CustomerState | undefined,
): FeedbackEvent {
  return {
    eventId: answer.eventId,
    occurredAt: event.occurredAt,
    customerId: answer.customerId,
    storeId: answer.storeId,
    regionId: store?.regionId ?? null,
    employeeId: answer.employeeId,
    orderId: answer.orderId,
    score: answer.score,
    classification: answer.classification,
    hasComment: answer.comment !== null,
    channel: answer.channel,
    localDay: answer.localDay,
    knownStore: store !== undefined,
    triage: {
      language: answer.language,
      themes: answer.themes,
      quality: answer.quality,
      flags: answer.qualityFlags,
    },
    customer: {
      stage: customer?.stage ?? null,
      segment: customer?.segment ?? 'prospect',
      valueMinor: customer?.valueMinor ?? {},
      churnRisk: customer?.churn.level ?? 'none',
    },
  };
}

/** Folds a batch's events into one observation per customer: latest contact details, first and last seen. */
class CustomerFold {
  private readonly byId = new Map<string, CustomerObservation>();

  observe(input: InputEvent, occurredAt: Date): void {
    const customer = input.event.customer;
    const consent = input.topic === 'surveys' ? (input.event.consent?.marketing ?? null) : null;
    const current = this.byId.get(customer.id);
    const next: CustomerObservation = current ?? {
      id: customer.id,
      email: null,
      phone: null,
      name: null,
      locale: null,
      contactObservedAt: occurredAt,
      marketingConsent: null,
      consentObservedAt: null,
      firstSeenAt: occurredAt,
      lastSeenAt: occurredAt,
    };
    const newer = occurredAt >= next.contactObservedAt || current === undefined;
    const pick = (known: string | null, seen: string | undefined) =>
      seen === undefined ? known : newer || known === null ? seen : known;
    next.email = pick(next.email, customer.email);
    next.phone = pick(next.phone, customer.phone);
    next.name = pick(next.name, customer.name);
    next.locale = pick(next.locale, customer.locale);
    if (occurredAt > next.contactObservedAt) next.contactObservedAt = occurredAt;
    if (consent !== null && (next.consentObservedAt === null || occurredAt >= next.consentObservedAt)) {
      next.marketingConsent = consent;
      next.consentObservedAt = occurredAt;
    }
    if (occurredAt < next.firstSeenAt) next.firstSeenAt = occurredAt;
    if (occurredAt > next.lastSeenAt) next.lastSeenAt = occurredAt;
    this.byId.set(customer.id, next);
  }

  observations(): CustomerObservation[] {
    return [...this.byId.values()];
  }
}

/** Pre-aggregates a batch's answers per store, employee and local day before one upsert. */
class NpsFold {
  private readonly byKey = new Map<string, NpsIncrement>();

  add(answer: SurveyAnswerRow): void {
    const employeeId = answer.employeeId ?? '';
    const key = JSON.stringify([answer.storeId, employeeId, answer.localDay]);
    const increment = this.byKey.get(key) ?? {
      storeId: answer.storeId,
      employeeId,
      day: answer.localDay,
      promoters: 0,
      passives: 0,
      detractors: 0,
      flaggedPromoters: 0,
      flaggedPassives: 0,
      flaggedDetractors: 0,
    };
    const flagged = answer.quality === 'flagged' ? 1 : 0;
    if (answer.classification === 'promoter') {
      increment.promoters += 1;
      increment.flaggedPromoters += flagged;
    } else if (answer.classification === 'passive') {
      increment.passives += 1;
      increment.flaggedPassives += flagged;
    } else {
      increment.detractors += 1;
      increment.flaggedDetractors += flagged;
    }
    this.byKey.set(key, increment);
  }

  increments(): NpsIncrement[] {
    return [...this.byKey.values()];
  }
}
