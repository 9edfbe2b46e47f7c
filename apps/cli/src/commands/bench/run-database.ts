import pg from 'pg';
import type { AcceptedMail } from './smtp-sink.js';

// What the benchmark reads from (and does raw in) a run's database, each on a connection of its own.

/** Runs `work` on a new connection to `databaseUrl`, closed afterwards whatever happens. */
export async function withDatabase<Result>(
  databaseUrl: string,
  work: (database: pg.Client) => Promise<Result>,
): Promise<Result> {
  const database = new pg.Client({ connectionString: databaseUrl });
  await database.connect();
  try {
    return await work(database);
  } finally {
    await database.end();
  }
}

/**
 * The closed loop's latencies for one tagged load, from what the database and the SMTP sink recorded: each
 * detractor answer's Kafka timestamp (`produced_at`) to the moment its case took it (`case_answers.joined_at`,
 * its transaction's time), and each new case's opening answer to its alert accepted by the sink.
 */
export async function latencySamples(
  databaseUrl: string,
  tag: string,
  accepted: readonly AcceptedMail[],
): Promise<{ caseMs: number[]; alertMs: number[] }> {
  return withDatabase(databaseUrl, async (database) => {
    const pattern = `bench-${tag}-%`;
    const cases = await database.query<{ ms: number }>(
      `SELECT extract(epoch FROM j.joined_at - a.produced_at) * 1000 AS ms
         FROM case_answers j JOIN survey_answers a ON a.event_id = j.survey_event_id
        WHERE a.event_id LIKE $1 AND a.produced_at IS NOT NULL`,
      [pattern],
    );
    const alerts = await database.query<{ id: string; produced: Date }>(
      `SELECT n.id, a.produced_at AS produced
         FROM notifications n
         JOIN follow_up_cases c ON c.id = (n.subject_ids->>'caseId')::uuid
         JOIN survey_answers a ON a.event_id = c.opened_by_event_id
        WHERE n.kind = 'case-alert' AND a.event_id LIKE $1 AND a.produced_at IS NOT NULL`,
      [pattern],
    );
    const acceptedAt = new Map(
      accepted.filter((mail) => mail.notificationId).map((mail) => [mail.notificationId!, mail.acceptedAt]),
    );
    return {
      caseMs: cases.rows.map((row) => Number(row.ms)),
      alertMs: alerts.rows
        .filter((row) => acceptedAt.has(row.id))
        .map((row) => acceptedAt.get(row.id)! - row.produced.getTime()),
    };
  });
}

/** What the all-roles run did: cases opened, invitations decided. */
export async function effectCounts(databaseUrl: string): Promise<{ cases: number; invitations: number }> {
  return withDatabase(databaseUrl, async (database) => {
    const { rows } = await database.query<{ cases: number; invitations: number }>(
      `SELECT (SELECT count(*)::int FROM follow_up_cases) AS cases,
              (SELECT count(*)::int FROM loyalty_invitations) AS invitations`,
    );
    return rows[0]!;
  });
}

/** How many facts a rebuild reads: every stored answer, purchase and lead. */
export async function factCount(databaseUrl: string): Promise<number> {
  return withDatabase(databaseUrl, async (database) => {
    const { rows } = await database.query<{ facts: number }>(
      `SELECT (SELECT count(*) FROM survey_answers) + (SELECT count(*) FROM purchases) + (SELECT count(*) FROM leads)
         AS facts`,
    );
    return Number(rows[0]!.facts);
  });
}
