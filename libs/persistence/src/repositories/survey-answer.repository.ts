import type { Classification } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

export interface StoredAnswer {
  eventId: string;
  customerId: string;
  storeId: string;
  employeeId: string | null;
  score: number;
  classification: Classification;
  comment: string | null;
  marketingConsent: boolean | null;
  /** What comment triage made of it: `flagged` answers are junk, and thanked by no one. */
  quality: 'ok' | 'flagged';
  occurredAt: Date;
  /** When it arrived in Kafka; null for answers stored before Ladder kept it. */
  producedAt: Date | null;
}

/** Survey answers as the follow-up and the promoter loop read them (`survey_answers`). */
@Injectable()
export class SurveyAnswerRepository {
  async find(manager: EntityManager, eventId: string): Promise<StoredAnswer | null> {
    return (await this.findMany(manager, [eventId])).get(eventId) ?? null;
  }

  /** The stored answers among these event ids, by id. */
  async findMany(manager: EntityManager, eventIds: readonly string[]): Promise<Map<string, StoredAnswer>> {
    if (eventIds.length === 0) return new Map();
    const { rows } = await queryRows<StoredAnswer>(
      manager,
      `SELECT event_id AS "eventId", customer_id AS "customerId", store_id AS "storeId", employee_id AS "employeeId",
              score, classification, comment, marketing_consent AS "marketingConsent", quality,
              occurred_at AS "occurredAt", produced_at AS "producedAt"
         FROM survey_answers WHERE event_id = ANY($1::text[])`,
      [eventIds],
    );
    return new Map(rows.map((row) => [row.eventId, row]));
  }

  /**
   * Detractor answers received between `since` and `before` that belong to no case: each should have one,
   * so the reconciler makes sure its case-opening job exists.
   */
  async detractorsWithoutCase(
    manager: EntityManager,
    window: { since: Date; before: Date },
    limit: number,
  ): Promise<string[]> {
    const { rows } = await queryRows<{ eventId: string }>(
      manager,
      `SELECT answer.event_id AS "eventId"
         FROM survey_answers answer
        WHERE answer.classification = 'detractor' AND answer.received_at >= $1 AND answer.received_at < $2
          AND NOT EXISTS (SELECT 1 FROM case_answers linked WHERE linked.survey_event_id = answer.event_id)
        ORDER BY answer.received_at
        LIMIT $3`,
      [window.since, window.before, limit],
    );
    return rows.map((row) => row.eventId);
  }

  /**
   * Promoter answers with marketing consent received in the window whose customer has no invitation: the
   * invitation job decides again (it may still skip them: budget, membership, unsubscribed).
   */
  async promotersWithoutInvitation(
    manager: EntityManager,
    window: { since: Date; before: Date },
    limit: number,
  ): Promise<string[]> {
    const { rows } = await queryRows<{ eventId: string }>(
      manager,
      `SELECT answer.event_id AS "eventId"
         FROM survey_answers answer
        WHERE answer.classification = 'promoter' AND answer.marketing_consent
          AND answer.received_at >= $1 AND answer.received_at < $2
          AND NOT EXISTS (SELECT 1 FROM loyalty_invitations invitation
                           WHERE invitation.customer_id = answer.customer_id)
        ORDER BY answer.received_at
        LIMIT $3`,
      [window.since, window.before, limit],
    );
    return rows.map((row) => row.eventId);
  }

  /**
   * Promoter answers without marketing consent, not flagged, received in the window, whose thank-you was
   * never decided (no notification and no recorded contact under its key).
   */
  async promotersUnthanked(
    manager: EntityManager,
    window: { since: Date; before: Date },
    limit: number,
  ): Promise<string[]> {
    const { rows } = await queryRows<{ eventId: string }>(
      manager,
      `SELECT answer.event_id AS "eventId"
         FROM survey_answers answer
        WHERE answer.classification = 'promoter' AND answer.marketing_consent IS NOT TRUE
          AND answer.quality IS DISTINCT FROM 'flagged'
          AND answer.received_at >= $1 AND answer.received_at < $2
          AND NOT EXISTS (SELECT 1 FROM notifications sent WHERE sent.key = 'promoter-thanks:' || answer.event_id)
        ORDER BY answer.received_at
        LIMIT $3`,
      [window.since, window.before, limit],
    );
    return rows.map((row) => row.eventId);
  }
}
