import type { Directory } from '#contracts';
import type pg from 'pg';

export interface SeedSize {
  answers: number;
  customers: number;
  /** The answers spread over this many days before now. */
  days: number;
}

/**
 * A read model the size of a large chain's year, written straight into PostgreSQL with `generate_series`
 * (the pipeline itself is measured by `ladder bench`): answers with employees, comments, themes and junk
 * flags; their NPS counts; every customer's state on the ladder with RFM and churn; a year of ladder moves;
 * a case for every fourth detractor with its contact, root cause and resolution; and club members. The
 * random draws are seeded, so two runs hold the same data.
 */
export async function seedDashboardData(
  database: pg.Client,
  directory: Directory,
  size: SeedSize,
  progress: (step: string, done: number, total: number) => void,
): Promise<void> {
  const stores = directory.stores.map((store) => ({
    id: store.id,
    timezone: store.timezone,
    employees: directory.employees
      .filter((employee) => employee.storeId === store.id)
      .map((employee) => employee.id),
  }));
  const steps: Array<[string, string, unknown[]]> = [
    ['seed', 'SELECT setseed(0.42)', []],
    [
      'stores',
      `CREATE TEMP TABLE bench_stores AS
         SELECT (row_number() OVER ())::int - 1 AS n, s.id, s.timezone, s.employees
           FROM jsonb_to_recordset($1::jsonb) AS s(id text, timezone text, employees text[])`,
      [JSON.stringify(stores)],
    ],
    [
      'customers',
      `INSERT INTO customers (id, email, name, locale, contact_observed_at, marketing_consent, first_seen_at, last_seen_at)
       SELECT 'bc-' || g, 'bc-' || g || '@bench.example.com', 'Customer ' || g,
              CASE WHEN g % 4 = 0 THEN 'en' ELSE 'fa-IR' END, now() - $2::int * interval '1 day', g % 3 <> 0,
              now() - $2::int * interval '1 day', now()
         FROM generate_series(1, $1::int) AS g`,
      [size.customers, size.days],
    ],
    [
      'answers',
      `INSERT INTO survey_answers (event_id, customer_id, store_id, employee_id, score, classification, comment,
                                   marketing_consent, occurred_at, local_day, source_partition, source_offset,
                                   language, themes, quality, quality_flags)
       SELECT 'bs-' || a.g, 'bc-' || (1 + a.g % $2::int), s.id,
              CASE WHEN cardinality(s.employees) > 0 AND a.r1 < 0.9
                   THEN s.employees[1 + floor(a.r2 * cardinality(s.employees))::int] END,
              a.score,
              CASE WHEN a.score >= 9 THEN 'promoter' WHEN a.score >= 7 THEN 'passive' ELSE 'detractor' END,
              CASE WHEN a.r3 < 0.3 THEN 'Bench comment number ' || a.g END, a.r4 < 0.6, a.at,
              (a.at AT TIME ZONE s.timezone)::date, a.g % 6, a.g,
              CASE WHEN a.r3 < 0.3 THEN 'en' END,
              CASE WHEN a.r3 < 0.3 THEN ARRAY[(ARRAY['wait-time', 'staff', 'price', 'delivery', 'product-quality', 'checkout', 'cleanliness', 'availability'])[1 + floor(a.r5 * 8)::int]]
                   ELSE '{}'::text[] END,
              CASE WHEN a.r6 < 0.02 THEN 'flagged' ELSE 'ok' END,
              CASE WHEN a.r6 < 0.02 THEN ARRAY['gibberish'] ELSE '{}'::text[] END
         FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                      random() AS r6, least(10, greatest(0, round(7.2 + (random() + random() + random() - 1.5) * 5)))::smallint AS score,
                      now() - random() * $3::int * interval '1 day' AS at
                 FROM generate_series(1, $1::int) AS g) AS a
         JOIN bench_stores s ON s.n = a.g % (SELECT count(*) FROM bench_stores)`,
      [size.answers, size.customers, size.days],
    ],
    [
      'nps',
      `INSERT INTO nps_daily (store_id, employee_id, day, promoters, passives, detractors,
                              flagged_promoters, flagged_passives, flagged_detractors)
       SELECT store_id, coalesce(employee_id, ''), local_day,
              count(*) FILTER (WHERE classification = 'promoter'), count(*) FILTER (WHERE classification = 'passive'),
              count(*) FILTER (WHERE classification = 'detractor'),
              count(*) FILTER (WHERE classification = 'promoter' AND quality = 'flagged'),
              count(*) FILTER (WHERE classification = 'passive' AND quality = 'flagged'),
              count(*) FILTER (WHERE classification = 'detractor' AND quality = 'flagged')
         FROM survey_answers GROUP BY store_id, coalesce(employee_id, ''), local_day`,
      [],
    ],
    [
      'customer states',
      `INSERT INTO customer_state (customer_id, stage, stage_since, home_store_id, value_minor, purchase_count,
                                   first_purchase_at, last_purchase_at, last_score, last_answer_at, recency_score,
                                   frequency_score, monetary_score, segment, churn_level, churn_reasons)
       SELECT 'bc-' || c.g, c.stage, now() - c.r1 * 200 * interval '1 day', s.id,
              jsonb_build_object('IRR', (c.r2 * 400)::int * 1000000), 1 + (c.r2 * 12)::int,
              now() - 300 * interval '1 day', now() - c.r3 * 300 * interval '1 day', (c.r4 * 10)::int,
              now() - c.r3 * 200 * interval '1 day', 1 + (c.r3 * 4.99)::int, 1 + (c.r2 * 4.99)::int,
              1 + (c.r2 * 4.99)::int,
              (ARRAY['champions', 'loyal', 'potential', 'new', 'needs-attention', 'at-risk', 'hibernating', 'lost'])[1 + floor(c.r5 * 8)::int],
              CASE WHEN c.r6 < 0.1 THEN 'high' WHEN c.r6 < 0.25 THEN 'watch' ELSE 'none' END, '[]'::jsonb
         FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
                      (ARRAY['prospect', 'customer', 'customer', 'client', 'client', 'advocate'])[1 + floor(random() * 6)::int] AS stage
                 FROM generate_series(1, $1::int) AS g) AS c
         JOIN bench_stores s ON s.n = c.g % (SELECT count(*) FROM bench_stores)`,
      [size.customers],
    ],
    [
      'ladder moves',
      `INSERT INTO customer_events (customer_id, type, from_stage, to_stage, home_store_id, details, effective_at)
       SELECT customer_id, 'stage-changed', from_stage, to_stage, home_store_id,
              jsonb_build_object('reason', CASE WHEN to_stage = 'customer' AND from_stage = 'client' THEN 'no-purchase-within-window' ELSE 'purchase' END),
              now() - random() * $1::int * interval '1 day'
         FROM (SELECT customer_id, home_store_id,
                      (ARRAY['prospect', 'customer', 'client', 'client', NULL])[1 + floor(random() * 5)::int] AS from_stage,
                      (ARRAY['customer', 'client', 'advocate', 'customer'])[1 + floor(random() * 4)::int] AS to_stage
                 FROM customer_state, generate_series(1, 2)) AS moves
        WHERE from_stage IS DISTINCT FROM to_stage`,
      [size.days],
    ],
    [
      'resolved cases',
      `INSERT INTO follow_up_cases (customer_id, store_id, status, priority, opened_by_event_id, due_at, created_at,
                                    resolved_at, root_cause, resolution, outcome, escalation_level, recovery_status)
       SELECT customer_id, store_id, 'resolved', 40, event_id, occurred_at + interval '48 hours', occurred_at,
              occurred_at + random() * interval '96 hours',
              (ARRAY['wait-time', 'staff-behaviour', 'product-defect', 'delivery', 'price', 'other'])[1 + floor(random() * 6)::int],
              'Called and apologised', 'resolved', CASE WHEN random() < 0.1 THEN 1 ELSE 0 END,
              (ARRAY['waiting', 'recovered', 'not-applicable'])[1 + floor(random() * 3)::int]
         FROM survey_answers
        WHERE classification = 'detractor' AND occurred_at < now() - interval '7 days'
          AND (event_id LIKE '%1' OR event_id LIKE '%3' OR event_id LIKE '%5')`,
      [],
    ],
    [
      'open cases',
      `INSERT INTO follow_up_cases (customer_id, store_id, status, priority, opened_by_event_id, due_at, created_at)
       SELECT DISTINCT ON (customer_id, store_id) customer_id, store_id, 'open', 40, event_id,
              occurred_at + interval '48 hours', occurred_at
         FROM survey_answers
        WHERE classification = 'detractor' AND occurred_at >= now() - interval '7 days'
        ORDER BY customer_id, store_id, occurred_at DESC`,
      [],
    ],
    [
      'case answers',
      `INSERT INTO case_answers (survey_event_id, case_id) SELECT opened_by_event_id, id FROM follow_up_cases`,
      [],
    ],
    [
      'contacts',
      // Each contact is kept on its case too, as the contact action does.
      `WITH contacts AS (
         INSERT INTO case_history (case_id, at, actor, action, details)
         SELECT id, created_at + random() * interval '30 hours', 'bench', 'contact', '{}'::jsonb
           FROM follow_up_cases WHERE status = 'resolved'
         RETURNING case_id, at)
       UPDATE follow_up_cases c SET first_contact_at = contacts.at, contact_attempts = 1
         FROM contacts WHERE contacts.case_id = c.id`,
      [],
    ],
    [
      'members',
      `INSERT INTO loyalty_members (customer_id, store_id, referral_code, joined_at)
       SELECT customer_id, home_store_id, 'BENCH-' || customer_id, now() - random() * 200 * interval '1 day'
         FROM customer_state WHERE customer_id LIKE '%7'`,
      [],
    ],
    // What autovacuum does to a table written once: statistics, and the visibility map index-only scans need.
    ['statistics', 'VACUUM ANALYZE', []],
  ];
  for (const [index, [step, sql, parameters]] of steps.entries()) {
    progress(step, index, steps.length);
    await database.query(sql, parameters);
  }
  progress('done', steps.length, steps.length);
}
