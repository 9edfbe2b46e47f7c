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
}

/** Survey answers as the follow-up and the promoter loop read them (`survey_answers`). */
@Injectable()
export class SurveyAnswerRepository {
  async find(manager: EntityManager, eventId: string): Promise<StoredAnswer | null> {
    const { rows } = await queryRows<{
      event_id: string;
      customer_id: string;
      store_id: string;
      employee_id: string | null;
      score: number;
      classification: Classification;
      comment: string | null;
      marketing_consent: boolean | null;
      occurred_at: Date;
    }>(
      manager,
      `SELECT event_id, customer_id, store_id, employee_id, score, classification, comment, marketing_consent, occurred_at
         FROM survey_answers WHERE event_id = $1`,
      [eventId],
    );
    const row = rows[0];
    return row
      ? {
          eventId: row.event_id,
          customerId: row.customer_id,
          storeId: row.store_id,
          employeeId: row.employee_id,
          score: row.score,
          classification: row.classification,
          comment: row.comment,
          marketingConsent: row.marketing_consent,
          occurredAt: row.occurred_at,
        }
      : null;
  }
}
