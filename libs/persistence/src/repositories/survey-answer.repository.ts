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
  occurredAt: Date;
  /** When it arrived in Kafka; null for answers stored before Ladder kept it. */
  producedAt: Date | null;
}

/** Survey answers as the follow-up and the promoter loop read them (`survey_answers`). */
@Injectable()
export class SurveyAnswerRepository {
  async find(manager: EntityManager, eventId: string): Promise<StoredAnswer | null> {
    const { rows } = await queryRows<StoredAnswer>(
      manager,
      `SELECT event_id AS "eventId", customer_id AS "customerId", store_id AS "storeId", employee_id AS "employeeId",
              score, classification, comment, marketing_consent AS "marketingConsent", occurred_at AS "occurredAt",
              produced_at AS "producedAt"
         FROM survey_answers WHERE event_id = $1`,
      [eventId],
    );
    return rows[0] ?? null;
  }
}
