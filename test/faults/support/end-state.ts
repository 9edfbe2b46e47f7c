import type { LadderConfig } from '#config';
import { INPUT_TOPICS, topicName } from '#contracts';
import { MailCatcher } from '#local-stack';
import { consumerLag } from '#messaging';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import pg from 'pg';
import { FAULT_STORES, type Oracle } from './load.js';
import { sleep } from './load-producer.js';

type Counts = { promoters: number; passives: number; detractors: number };

/** What Ladder holds at one moment, read from outside: PostgreSQL, Kafka and the mail catcher. */
export interface Measurement {
  at: number;
  /** Accepted events the oracle expects, found in processed_events (each at most once: it is the key). */
  counted: number;
  /** The stored facts of those events, per table. */
  facts: { purchases: number; surveys: number; leads: number };
  /** processed_events the oracle did not expect (a poison message taken in). */
  unexpectedAccepted: number;
  /** The NPS read model (nps_daily) and the stored answers, per store. */
  npsReadModel: Record<string, Counts>;
  npsFacts: Record<string, Counts>;
  casesOpened: number;
  /** Detractor customer-store pairs without a case, with more than one, and cases of no detractor pair. */
  casesMissing: number;
  casesDoubled: number;
  casesUnexpected: number;
  /** case-alert notifications by status. */
  alertStatuses: Record<string, number>;
  /** Alert e-mails caught, distinct Message-IDs among them, and cases whose own alert was caught. */
  alertsCaught: number;
  alertsCaughtDistinct: number;
  casesAlerted: number;
  /** E-mails of this instance caught more than once (same Message-ID), every kind. */
  duplicateEmails: number;
  emailsCaught: number;
  notificationsUnsent: number;
  outboxUnpublished: number;
  deadLetters: number;
  scoringLag: number;
  group: { state: string; members: number };
  /** Why a reading failed (a service down): the other fields are then zero. */
  error?: string;
}

/** Reads the end state of one namespace; one instance per test. */
export class EndStateProbe {
  private readonly admin: Admin;
  private readonly mail = new MailCatcher();
  private connected = false;

  constructor(
    private readonly config: LadderConfig,
    private readonly oracle: Oracle,
  ) {
    this.admin = new Kafka({
      clientId: `${config.kafka.topicPrefix}-fault-probe`,
      brokers: config.kafka.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { retries: 1 },
    }).admin();
  }

  async measure(): Promise<Measurement> {
    const at = Date.now();
    try {
      const [{ alertNotifications, ...database }, kafka, mail] = await Promise.all([
        this.readDatabase(),
        this.readKafka(),
        this.readMail(),
      ]);
      return { at, ...database, ...kafka, ...this.alertsOf(alertNotifications, mail) };
    } catch (error) {
      return { ...emptyMeasurement(at), error: (error as Error).message };
    }
  }

  /** Is everything the oracle says done, and nothing more? */
  isComplete(measurement: Measurement): boolean {
    return problemsOf(measurement, this.oracle).length === 0;
  }

  /**
   * Polls until the end state is complete (then reads it once more a few seconds later, so a late
   * duplicate shows), or the deadline passes, or nothing has moved for `stallMs` while nothing is left in
   * hand (no lag, no outbox row, no e-mail pending: what is missing then will not come). Returns the last
   * reading and when it was complete.
   */
  async waitForEndState(
    timeoutMs: number,
    stallMs = 90_000,
  ): Promise<{ measurement: Measurement; completeAt: number | null }> {
    const deadline = Date.now() + timeoutMs;
    let measurement = await this.measure();
    let signature = '';
    let movedAt = Date.now();
    while (!this.isComplete(measurement) && Date.now() < deadline) {
      const { at: _at, ...rest } = measurement;
      const now = JSON.stringify(rest);
      if (now !== signature) {
        signature = now;
        movedAt = Date.now();
      }
      const idle =
        !measurement.error &&
        measurement.scoringLag === 0 &&
        measurement.outboxUnpublished === 0 &&
        measurement.notificationsUnsent === 0;
      if (idle && Date.now() - movedAt > stallMs) break;
      await sleep(2_000);
      measurement = await this.measure();
    }
    if (!this.isComplete(measurement)) return { measurement, completeAt: null };
    const completeAt = measurement.at;
    await sleep(5_000);
    return { measurement: await this.measure(), completeAt };
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect().catch(() => undefined);
  }

  private async readDatabase() {
    const client = new pg.Client({
      connectionString: this.config.databaseUrl,
      application_name: 'ladder-fault-probe',
      connectionTimeoutMillis: 5_000,
      statement_timeout: 20_000,
    });
    await client.connect();
    try {
      const expected = [...this.oracle.accepted.keys()];
      const totals = await client.query<Record<string, number>>(
        `WITH expected(event_id) AS (SELECT unnest($1::text[]))
         SELECT (SELECT count(*)::int FROM processed_events JOIN expected USING (event_id)) AS counted,
                (SELECT count(*)::int FROM processed_events) AS processed,
                (SELECT count(*)::int FROM purchases JOIN expected USING (event_id)) AS purchases,
                (SELECT count(*)::int FROM survey_answers JOIN expected USING (event_id)) AS surveys,
                (SELECT count(*)::int FROM leads JOIN expected USING (event_id)) AS leads,
                (SELECT count(*)::int FROM outbox WHERE published_at IS NULL) AS outbox,
                (SELECT count(*)::int FROM dead_letters) AS dead_letters,
                (SELECT count(*)::int FROM notifications WHERE status IN ('pending', 'sending')) AS unsent`,
        [expected],
      );
      const row = totals.rows[0]!;
      const npsReadModel = countsByStore(
        (
          await client.query<{ store_id: string; promoters: number; passives: number; detractors: number }>(
            `SELECT store_id, sum(promoters)::int AS promoters, sum(passives)::int AS passives,
                    sum(detractors)::int AS detractors
               FROM nps_daily GROUP BY store_id`,
          )
        ).rows,
      );
      const npsFacts = countsByStore(
        (
          await client.query<{ store_id: string; promoters: number; passives: number; detractors: number }>(
            `SELECT store_id,
                    count(*) FILTER (WHERE classification = 'promoter')::int AS promoters,
                    count(*) FILTER (WHERE classification = 'passive')::int AS passives,
                    count(*) FILTER (WHERE classification = 'detractor')::int AS detractors
               FROM survey_answers GROUP BY store_id`,
          )
        ).rows,
      );
      const cases = await client.query<{ pair: string; cases: number }>(
        `SELECT customer_id || '|' || store_id AS pair, count(*)::int AS cases
           FROM follow_up_cases GROUP BY customer_id, store_id`,
      );
      let casesOpened = 0;
      let casesDoubled = 0;
      let casesUnexpected = 0;
      const withCase = new Set<string>();
      for (const { pair, cases: count } of cases.rows) {
        casesOpened += count;
        if (count > 1) casesDoubled += 1;
        if (!this.oracle.detractorPairs.has(pair)) casesUnexpected += count;
        withCase.add(pair);
      }
      const casesMissing = [...this.oracle.detractorPairs].filter((pair) => !withCase.has(pair)).length;
      const alertNotifications = (
        await client.query<{ id: string; status: string }>(
          `SELECT id, status FROM notifications WHERE kind = 'case-alert'`,
        )
      ).rows;
      return {
        counted: row.counted!,
        unexpectedAccepted: row.processed! - row.counted!,
        facts: { purchases: row.purchases!, surveys: row.surveys!, leads: row.leads! },
        outboxUnpublished: row.outbox!,
        deadLetters: row.dead_letters!,
        notificationsUnsent: row.unsent!,
        npsReadModel,
        npsFacts,
        casesOpened,
        casesMissing,
        casesDoubled,
        casesUnexpected,
        alertNotifications,
      };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async readKafka() {
    if (!this.connected) {
      await this.admin.connect();
      this.connected = true;
    }
    const topics = INPUT_TOPICS.map((topic) => topicName(this.config.kafka.topicPrefix, topic));
    const scoringLag = await consumerLag(this.admin, this.config.kafka.consumerGroup, topics);
    const {
      groups: [group],
    } = await this.admin.describeGroups([this.config.kafka.consumerGroup]);
    return { scoringLag, group: { state: group?.state ?? 'Unknown', members: group?.members.length ?? 0 } };
  }

  private async readMail() {
    return (await this.mail.fromInstance(this.config.queuePrefix)).map((email) => ({
      kind: email.headers['x-ladder-notification'] ?? '',
      messageId: email.headers['message-id'] ?? email.id,
    }));
  }

  private alertsOf(
    notifications: Array<{ id: string; status: string }>,
    mail: Array<{ kind: string; messageId: string }>,
  ) {
    const alerts = mail.filter((email) => email.kind === 'case-alert');
    const alertIds = new Set(
      alerts.map((email) => /^<([^@>]+)@/.exec(email.messageId)?.[1] ?? email.messageId),
    );
    const alertStatuses: Record<string, number> = {};
    for (const notification of notifications) {
      alertStatuses[notification.status] = (alertStatuses[notification.status] ?? 0) + 1;
    }
    return {
      alertStatuses,
      alertsCaught: alerts.length,
      alertsCaughtDistinct: new Set(alerts.map((email) => email.messageId)).size,
      casesAlerted: notifications.filter((notification) => alertIds.has(notification.id)).length,
      emailsCaught: mail.length,
      duplicateEmails: mail.length - new Set(mail.map((email) => email.messageId)).size,
    };
  }
}

function countsByStore(
  rows: Array<{ store_id: string; promoters: number; passives: number; detractors: number }>,
): Record<string, Counts> {
  return Object.fromEntries(
    rows.map((row) => [
      row.store_id,
      { promoters: row.promoters, passives: row.passives, detractors: row.detractors },
    ]),
  );
}

/** What the oracle says each store's answers are. */
export function expectedNps(oracle: Oracle): Record<string, Counts> {
  const stores = new Set<string>([...FAULT_STORES, ...oracle.answers.keys()]);
  return Object.fromEntries(
    [...stores].map((store) => {
      const counts = oracle.answers.get(store) ?? { promoter: 0, passive: 0, detractor: 0 };
      return [store, { promoters: counts.promoter, passives: counts.passive, detractors: counts.detractor }];
    }),
  );
}

/** Every way a reading differs from the promised end state; empty when it holds. */
export function problemsOf(measurement: Measurement, oracle: Oracle): string[] {
  const problems: string[] = [];
  if (measurement.error) return [`could not read the end state: ${measurement.error}`];
  const expected = oracle.accepted.size;
  if (measurement.counted !== expected) problems.push(`${measurement.counted} of ${expected} events counted`);
  for (const topic of INPUT_TOPICS) {
    const facts = measurement.facts[topic];
    if (facts !== oracle.count(topic)) problems.push(`${facts} of ${oracle.count(topic)} ${topic} stored`);
  }
  const nps = expectedNps(oracle);
  for (const [store, counts] of Object.entries(nps)) {
    const readModel = measurement.npsReadModel[store] ?? { promoters: 0, passives: 0, detractors: 0 };
    const facts = measurement.npsFacts[store] ?? { promoters: 0, passives: 0, detractors: 0 };
    if (
      JSON.stringify(readModel) !== JSON.stringify(counts) ||
      JSON.stringify(facts) !== JSON.stringify(counts)
    ) {
      problems.push(
        `NPS of ${store}: read model ${JSON.stringify(readModel)}, facts ${JSON.stringify(facts)}, ` +
          `sent ${JSON.stringify(counts)}`,
      );
    }
  }
  const cases = oracle.detractorPairs.size;
  if (measurement.casesMissing > 0)
    problems.push(`${measurement.casesMissing} of ${cases} detractor cases missing`);
  if (measurement.casesDoubled > 0)
    problems.push(`${measurement.casesDoubled} customer-store pairs with 2+ cases`);
  if (measurement.casesUnexpected > 0) problems.push(`${measurement.casesUnexpected} cases of no detractor`);
  if (measurement.casesAlerted !== measurement.casesOpened || measurement.casesAlerted < cases) {
    problems.push(
      `alerts caught for ${measurement.casesAlerted} of ${cases} cases ` +
        `(notifications ${JSON.stringify(measurement.alertStatuses)})`,
    );
  }
  if (measurement.alertsCaught !== measurement.alertsCaughtDistinct) {
    problems.push(
      `${measurement.alertsCaught - measurement.alertsCaughtDistinct} alert e-mails caught twice`,
    );
  }
  if (measurement.duplicateEmails > 0)
    problems.push(`${measurement.duplicateEmails} e-mails with a repeated Message-ID`);
  if (measurement.notificationsUnsent > 0)
    problems.push(`${measurement.notificationsUnsent} e-mails pending or sending`);
  if (measurement.outboxUnpublished > 0)
    problems.push(`${measurement.outboxUnpublished} outbox rows unpublished`);
  if (measurement.scoringLag > 0) problems.push(`scoring lag ${measurement.scoringLag}`);
  if (measurement.group.state !== 'Stable' || measurement.group.members < 1) {
    problems.push(`consumer group ${measurement.group.state} with ${measurement.group.members} members`);
  }
  return problems;
}

function emptyMeasurement(at: number): Measurement {
  return {
    at,
    counted: 0,
    facts: { purchases: 0, surveys: 0, leads: 0 },
    unexpectedAccepted: 0,
    npsReadModel: {},
    npsFacts: {},
    casesOpened: 0,
    casesMissing: 0,
    casesDoubled: 0,
    casesUnexpected: 0,
    alertStatuses: {},
    alertsCaught: 0,
    alertsCaughtDistinct: 0,
    casesAlerted: 0,
    duplicateEmails: 0,
    emailsCaught: 0,
    notificationsUnsent: 0,
    outboxUnpublished: 0,
    deadLetters: 0,
    scoringLag: 0,
    group: { state: 'Unknown', members: 0 },
  };
}
