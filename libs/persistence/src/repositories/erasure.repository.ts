import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

/** Ingest holds this lock shared for each batch, an erasure exclusively: neither sees half of the other. */
const ERASURE_LOCK = 0x4c_45_52_41; // "LERA"

export interface ErasureRecord {
  idHash: string;
  pseudonym: string;
  erasedAt: Date;
  erasedBy: string;
  via: 'api' | 'cli';
  cleared: Record<string, number>;
}

/** What Ladder holds that is personal about a customer, to find it wherever else it was copied. */
export interface PersonalHoldings {
  found: boolean;
  names: string[];
  whole: string[];
  caseIds: string[];
  storeIds: string[];
  referralCodes: string[];
}

/** A table whose text or JSON columns may quote a customer, and how to find the rows that might. */
export type ScrubSource =
  'outbox' | 'case_history' | 'customer_events' | 'notifications' | 'customer_contacts';

const SOURCES: Record<ScrubSource, { key: string; columns: string[]; where: string }> = {
  // `subject` holds the id, the pseudonym, the case ids and the patterns (JSON-escaped personal values and
  // the quoted id) to look for.
  outbox: {
    key: 'id',
    columns: ['payload', 'last_error', 'park_reason', 'message_key'],
    where: `message_key = subject.customer
            OR EXISTS (SELECT 1 FROM unnest(subject.patterns) p WHERE position(p IN payload::text) > 0)`,
  },
  case_history: { key: 'id', columns: ['details'], where: `case_id::text = ANY(subject.case_ids)` },
  customer_events: {
    key: 'id',
    columns: ['details'],
    where: `customer_id = subject.pseudonym
            OR EXISTS (SELECT 1 FROM unnest(subject.patterns) p WHERE position(p IN details::text) > 0)`,
  },
  notifications: {
    key: 'id',
    columns: ['key', 'subject_ids', 'recipient_email', 'recipient_name', 'last_error'],
    where: `subject_ids->>'customerId' = subject.customer OR subject_ids->>'caseId' = ANY(subject.case_ids)
            OR EXISTS (SELECT 1 FROM unnest(subject.patterns) p
                       WHERE position(p IN recipient_email) > 0 OR position(p IN coalesce(recipient_name, '')) > 0
                          OR position(p IN coalesce(last_error, '')) > 0)`,
  },
  customer_contacts: { key: 'id', columns: ['notification_key'], where: `customer_id = subject.pseudonym` },
};

/** Erasure (`erasures`, `ladder_secrets`) and the statements that take a customer out of every table. */
@Injectable()
export class ErasureRepository {
  async erasureKey(manager: EntityManager): Promise<string> {
    const { rows } = await queryRows<{ value: string }>(
      manager,
      `SELECT value FROM ladder_secrets WHERE name = 'erasure-key'`,
    );
    if (!rows[0]) throw new Error('the erasure key is missing: run `ladder migrate`');
    return rows[0].value;
  }

  async lockForErasure(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ERASURE_LOCK]);
  }

  async lockForIngest(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [ERASURE_LOCK]);
  }

  /** The pseudonym of each erased hash among `hashes`. */
  async pseudonyms(manager: EntityManager, hashes: string[]): Promise<Map<string, string>> {
    if (hashes.length === 0) return new Map();
    const { rows } = await queryRows<{ id_hash: string; pseudonym: string }>(
      manager,
      'SELECT id_hash, pseudonym FROM erasures WHERE id_hash = ANY($1::text[])',
      [hashes],
    );
    return new Map(rows.map((row) => [row.id_hash, row.pseudonym]));
  }

  async find(manager: EntityManager, idHash: string): Promise<ErasureRecord | null> {
    const { rows } = await queryRows<{
      id_hash: string;
      pseudonym: string;
      erased_at: Date;
      erased_by: string;
      via: 'api' | 'cli';
      cleared: Record<string, number>;
    }>(manager, 'SELECT * FROM erasures WHERE id_hash = $1', [idHash]);
    const row = rows[0];
    return row
      ? {
          idHash: row.id_hash,
          pseudonym: row.pseudonym,
          erasedAt: row.erased_at,
          erasedBy: row.erased_by,
          via: row.via,
          cleared: row.cleared,
        }
      : null;
  }

  async record(manager: EntityManager, erasure: ErasureRecord): Promise<void> {
    await manager.query(
      `INSERT INTO erasures (id_hash, pseudonym, erased_at, erased_by, via, cleared) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        erasure.idHash,
        erasure.pseudonym,
        erasure.erasedAt,
        erasure.erasedBy,
        erasure.via,
        JSON.stringify(erasure.cleared),
      ],
    );
  }

  /** An erasure done again (new rows under the old id): what it cleared this time is added. */
  async addCleared(manager: EntityManager, idHash: string, cleared: Record<string, number>): Promise<void> {
    await manager.query(
      `UPDATE erasures e SET cleared = (SELECT jsonb_object_agg(key, total) FROM (
         SELECT key, sum(value::bigint) AS total
           FROM (SELECT * FROM jsonb_each_text(e.cleared) UNION ALL SELECT * FROM jsonb_each_text($2::jsonb)) parts
          GROUP BY key) sums)
        WHERE id_hash = $1`,
      [idHash, JSON.stringify(cleared)],
    );
  }

  /**
   * The customer's contact (as the customer row and the e-mails sent to them, `customerKinds`, knew it), the
   * words of their answers, their cases, stores and referral codes.
   */
  async holdings(
    manager: EntityManager,
    customerId: string,
    customerKinds: readonly string[],
  ): Promise<PersonalHoldings> {
    const { rows } = await queryRows<{
      found: boolean;
      names: Array<string | null>;
      whole: Array<string | null>;
      case_ids: string[];
      store_ids: string[];
      codes: string[];
    }>(
      manager,
      `WITH cases AS (SELECT id::text AS id FROM follow_up_cases WHERE customer_id = $1),
            mail AS (SELECT recipient_email, recipient_name FROM notifications
                      WHERE kind = ANY($2::text[])
                        AND (subject_ids->>'customerId' = $1 OR subject_ids->>'caseId' IN (SELECT id FROM cases)))
       SELECT EXISTS (SELECT 1 FROM customers WHERE id = $1)
                OR EXISTS (SELECT 1 FROM survey_answers WHERE customer_id = $1)
                OR EXISTS (SELECT 1 FROM purchases WHERE customer_id = $1)
                OR EXISTS (SELECT 1 FROM leads WHERE customer_id = $1) AS found,
              ARRAY(SELECT name FROM customers WHERE id = $1 UNION SELECT recipient_name FROM mail) AS names,
              ARRAY(SELECT email FROM customers WHERE id = $1 UNION SELECT phone FROM customers WHERE id = $1
                    UNION SELECT recipient_email FROM mail
                    UNION SELECT comment FROM survey_answers WHERE customer_id = $1) AS whole,
              ARRAY(SELECT id FROM cases) AS case_ids,
              ARRAY(SELECT store_id FROM survey_answers WHERE customer_id = $1
                    UNION SELECT store_id FROM purchases WHERE customer_id = $1
                    UNION SELECT store_id FROM leads WHERE customer_id = $1) AS store_ids,
              ARRAY(SELECT referral_code FROM loyalty_invitations WHERE customer_id = $1
                    UNION SELECT referral_code FROM loyalty_members WHERE customer_id = $1) AS codes`,
      [customerId, customerKinds],
    );
    const row = rows[0]!;
    const present = (values: Array<string | null>) => values.filter((value): value is string => !!value);
    return {
      found: row.found,
      names: present(row.names),
      whole: present(row.whole),
      caseIds: row.case_ids,
      storeIds: row.store_ids,
      referralCodes: row.codes,
    };
  }

  /** E-mails to the customer not sent yet are never sent: their status says why. */
  async suppressMail(
    manager: EntityManager,
    customerId: string,
    caseIds: string[],
    customerKinds: readonly string[],
  ): Promise<number> {
    const { affected } = await queryRows(
      manager,
      `UPDATE notifications SET status = 'suppressed', lease_until = NULL, updated_at = now()
        WHERE status IN ('pending', 'sending', 'failed') AND kind = ANY($3::text[])
          AND (subject_ids->>'customerId' = $1 OR subject_ids->>'caseId' = ANY($2::text[]))`,
      [customerId, caseIds, customerKinds],
    );
    return affected;
  }

  /**
   * Moves every fact and every piece of state of the customer to their pseudonym, clearing the personal
   * columns on the way: the counts, rungs and rewards stay exactly as they were, under a name that is no
   * one's. Returns the rows changed per table.
   */
  async pseudonymise(
    manager: EntityManager,
    customerId: string,
    pseudonym: string,
  ): Promise<Record<string, number>> {
    const cleared: Record<string, number> = {};
    const run = async (table: string, sql: string) => {
      const { affected } = await queryRows(manager, sql, [customerId, pseudonym]);
      cleared[table] = (cleared[table] ?? 0) + affected;
    };
    // A customer erased before, whose pseudonym already has rows: the new rows join them.
    for (const table of ['customers', 'customer_state', 'loyalty_invitations', 'loyalty_members']) {
      const key = table === 'customers' ? 'id' : 'customer_id';
      await queryRows(
        manager,
        `DELETE FROM ${table} WHERE ${key} = $1 AND EXISTS (SELECT 1 FROM ${table} WHERE ${key} = $2)`,
        [customerId, pseudonym],
      );
    }
    await run(
      'customers',
      `UPDATE customers SET id = $2, email = NULL, phone = NULL, name = NULL, locale = NULL,
              marketing_consent = false, unsubscribed_at = coalesce(unsubscribed_at, now()), updated_at = now()
        WHERE id = $1`,
    );
    await run(
      'survey_answers',
      'UPDATE survey_answers SET customer_id = $2, comment = NULL WHERE customer_id = $1',
    );
    await run('purchases', 'UPDATE purchases SET customer_id = $2 WHERE customer_id = $1');
    await run('leads', 'UPDATE leads SET customer_id = $2 WHERE customer_id = $1');
    // The tally is folded again from the facts under their new id.
    await run(
      'customer_state',
      'UPDATE customer_state SET customer_id = $2, tally = NULL WHERE customer_id = $1',
    );
    await run('customer_events', 'UPDATE customer_events SET customer_id = $2 WHERE customer_id = $1');
    await run('customer_contacts', 'UPDATE customer_contacts SET customer_id = $2 WHERE customer_id = $1');
    await run(
      'follow_up_cases',
      `UPDATE follow_up_cases SET customer_id = $2, resolution = CASE WHEN resolution IS NULL THEN NULL ELSE '[erased]' END
        WHERE customer_id = $1`,
    );
    await run(
      'loyalty_invitations',
      'UPDATE loyalty_invitations SET customer_id = $2 WHERE customer_id = $1',
    );
    await run('loyalty_members', 'UPDATE loyalty_members SET customer_id = $2 WHERE customer_id = $1');
    await run(
      'referrals',
      `UPDATE referrals SET referrer_id = CASE WHEN referrer_id = $1 THEN $2 ELSE referrer_id END,
              referee_id = CASE WHEN referee_id = $1 THEN $2 ELSE referee_id END,
              decision_note = CASE WHEN decision_note IS NULL THEN NULL ELSE '[erased]' END, updated_at = now()
        WHERE referrer_id = $1 OR referee_id = $1`,
    );
    await run('rewards', 'UPDATE rewards SET customer_id = $2 WHERE customer_id = $1');
    await run('refunds', 'UPDATE refunds SET customer_id = $2 WHERE customer_id = $1');
    await run(
      'voucher_redemptions',
      'UPDATE voucher_redemptions SET customer_id = $2 WHERE customer_id = $1',
    );
    await run('points_entries', 'UPDATE points_entries SET customer_id = $2 WHERE customer_id = $1');
    await run('cross_sell_offers', 'UPDATE cross_sell_offers SET customer_id = $2 WHERE customer_id = $1');
    return cleared;
  }

  /** Gives a referral code that carried the customer's name an anonymous successor, wherever it is. */
  async swapReferralCode(manager: EntityManager, from: string, to: string): Promise<number> {
    let changed = 0;
    for (const table of ['loyalty_invitations', 'loyalty_members', 'referrals', 'purchases']) {
      const { affected } = await queryRows(
        manager,
        `UPDATE ${table} SET referral_code = $2 WHERE referral_code = $1`,
        [from, to],
      );
      changed += affected;
    }
    return changed;
  }

  /**
   * Dead letters whose key or original bytes hold the customer: the bytes and the parsed fields go, the
   * reason code and the position stay (what was refused, without what it said).
   */
  async clearDeadLetters(
    manager: EntityManager,
    customerId: string,
    pseudonym: string,
    patterns: string[],
  ): Promise<number> {
    const { affected } = await queryRows(
      manager,
      `UPDATE dead_letters
          SET value = NULL, fields = NULL, reason_message = '[erased]', message_key_bytes = NULL,
              message_key = CASE WHEN message_key = $1 THEN $2 ELSE '[erased]' END
        WHERE message_key = $1
           OR EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE position(convert_to(p, 'UTF8') IN value) > 0)`,
      [customerId, pseudonym, patterns],
    );
    return affected;
  }

  /** The rows of `source` that may quote the customer, with the columns to scrub. */
  async quoting(
    manager: EntityManager,
    source: ScrubSource,
    subject: { id: string; pseudonym: string; caseIds: string[]; patterns: string[] },
  ): Promise<Array<Record<string, unknown>>> {
    const { key, columns, where } = SOURCES[source];
    const { rows } = await queryRows(
      manager,
      `WITH subject AS (SELECT $1::text AS customer, $2::text AS pseudonym, $3::text[] AS case_ids, $4::text[] AS patterns)
       SELECT ${source}.${key}::text AS row_key, ${columns.map((column) => `${source}.${column}`).join(', ')}
         FROM ${source}, subject WHERE ${where}`,
      [subject.id, subject.pseudonym, subject.caseIds, subject.patterns],
    );
    return rows;
  }

  async rewrite(
    manager: EntityManager,
    source: ScrubSource,
    key: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    const { key: keyColumn, columns } = SOURCES[source];
    const assignments = columns.map((column, index) => `${column} = $${index + 2}`);
    await manager.query(`UPDATE ${source} SET ${assignments.join(', ')} WHERE ${keyColumn}::text = $1`, [
      key,
      ...columns.map((column) => values[column]),
    ]);
  }
}
