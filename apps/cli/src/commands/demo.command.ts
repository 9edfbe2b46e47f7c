import { loadConfig, type LadderConfig } from '#config';
import {
  topicName,
  type LadderReportDto,
  type NpsReportDto,
  type RecomputeJobDto,
  type SegmentsReportDto,
} from '#contracts';
import {
  formatStackReport,
  LOCAL_DATABASE_URL,
  LOCAL_KAFKA_BROKERS,
  LOCAL_REDIS_URL,
  LOCAL_SMTP_URL,
  LOCAL_SMTP_WEB_URL,
  linksIn,
  MailCatcher,
  projectRoot,
  stackUp,
  waitFor,
  type CaughtEmail,
} from '#local-stack';
import { formatMoney } from '#mail';
import { createKafka } from '#messaging';
import { ensureDatabase, runMigrations } from '#persistence';
import { BacklogProbe, removeNamespace } from '#runtime';
import {
  choosePromotersWhoJoin,
  produceMessages,
  simulateReferrals,
  type SimulatedMember,
  type SimulatedMessage,
  type SimulatedReferral,
} from '#simulation';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ProgressBar } from '../progress-bar.js';
import {
  generateTraffic,
  loadSimulatedStores,
  SIMULATE_OPTIONS,
  simulateSettings,
  type SimulateSettings,
} from './simulate.command.js';

const DEMO_TOKEN = 'demo-admin-token-not-for-production';

/**
 * `ladder demo`: the whole loop on the local stack. Brings the stack up, starts a fresh Ladder (its own
 * database, topics and queues), plays a few thousand realistic purchases and answers, waits until every
 * case is opened and every e-mail is sent, then plays the promoters' part (they follow their invitation
 * links, and a few friends buy with their codes), prints what happened and where to look, and keeps Ladder
 * running until Ctrl-C (or stops at once with --exit).
 */
export async function demoCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...SIMULATE_OPTIONS,
      customers: { type: 'string', default: '1200' },
      exit: { type: 'boolean', default: false },
      port: { type: 'string', default: '3000' },
      // The demo's own topics, queues and database; the tests run the demo in a namespace of their own.
      namespace: { type: 'string', default: 'ladder-demo' },
    },
    allowPositionals: false,
    strict: true,
  });
  const settings = simulateSettings(values, join(projectRoot(), 'deploy', 'demo', 'directory.yaml'));
  const port = values.port;

  section('Starting the local stack');
  const stack = await stackUp();
  process.stdout.write(`${formatStackReport(stack.services)}\n`);

  if (!/^[a-z][a-z0-9-]{0,40}$/.test(values.namespace))
    throw new Error('--namespace must be lower-case letters, digits and dashes');
  const env = demoEnvironment(values.namespace, port, settings.directoryFile);
  const config = loadConfig(env, { serveApi: true });

  const startedAt = new Date();
  section('Preparing a fresh demo (its own database, topics and queues)');
  // The demo owns its database, topics, consumer group and queues, and starts each run from nothing.
  await removeNamespace(config);
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  process.stdout.write(
    `  database ${new URL(config.databaseUrl).pathname.slice(1)} migrated; directory ${settings.directoryFile}\n`,
  );

  section('Starting Ladder (api + worker)');
  const logFile = join(projectRoot(), '.ladder', 'logs', `${values.namespace}.log`);
  const ladder = startLadder(env, logFile);
  await waitForReady(config, ladder, logFile);
  process.stdout.write(`  ready: ${config.publicUrl}/health/ready (logs in ${logFile})\n`);

  section('Playing simulated traffic');
  const messages = await generateTraffic(settings);
  const kafka = createKafka(config, '-demo');
  const producing = new ProgressBar('Producing', messages.length);
  await produceMessages(kafka, config.kafka.topicPrefix, messages, (done) => producing.update(done));
  producing.finish();
  await waitUntilProcessed(config, messages.length);

  section('Promoters joining the club and bringing friends');
  const promoters = await playPromoters(config, settings, messages);
  const friends = promoters.referrals.map((referral) => referral.message);
  await produceMessages(kafka, config.kafka.topicPrefix, friends);
  process.stdout.write(`${describeReferrals(promoters.referrals)}\n`);
  const produced = [...messages, ...friends];
  await waitUntilProcessed(config, produced.length);
  await recomputeSegments(config);

  section('Summary');
  process.stdout.write(await summary(config, produced, { ...promoters, startedAt }));

  if (values.exit) {
    await stopLadder(ladder);
    return;
  }
  process.stdout.write('\nLadder keeps running; press Ctrl-C to stop it.\n');
  await new Promise<void>((resolve) => {
    const stop = () => void stopLadder(ladder).then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    ladder.once('exit', (code) => {
      process.stderr.write(`Ladder stopped on its own (status ${code}); see ${logFile}\n`);
      process.exitCode = 1;
      resolve();
    });
  });
}

function demoEnvironment(namespace: string, port: string, directoryFile: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: LOCAL_DATABASE_URL.replace(/\/ladder$/, `/${namespace.replaceAll('-', '_')}`),
    KAFKA_BROKERS: LOCAL_KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: namespace,
    LADDER_QUEUE_PREFIX: namespace,
    REDIS_URL: LOCAL_REDIS_URL,
    SMTP_URL: LOCAL_SMTP_URL,
    MAIL_FROM: 'Ladder demo <ladder@demo.ladder.local>',
    PORT: port,
    LADDER_PUBLIC_URL: `http://localhost:${port}`,
    LADDER_DIRECTORY: directoryFile,
    LADDER_ADMIN_TOKEN: DEMO_TOKEN,
    LADDER_FALLBACK_OWNER_EMAIL: 'ops@demo.ladder.local',
    // Short enough that the friends' conversions are paid (or held) before the summary.
    LADDER_REFERRAL_COOLING_OFF: '10s',
    LADDER_ROLES: 'all',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
  };
}

function startLadder(env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  mkdirSync(join(projectRoot(), '.ladder', 'logs'), { recursive: true });
  const log = openSync(logFile, 'w');
  const main = fileURLToPath(new URL('../main.js', import.meta.url));
  return spawn(process.execPath, [...process.execArgv, main, 'start'], { env, stdio: ['ignore', log, log] });
}

async function waitForReady(config: LadderConfig, ladder: ChildProcess, logFile: string): Promise<void> {
  await waitFor(
    'Ladder',
    async () => {
      if (ladder.exitCode !== null) {
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
        throw new Error(`Ladder exited with status ${ladder.exitCode}:\n${tail}`);
      }
      const response = await fetch(`${config.publicUrl}/health/ready`, {
        signal: AbortSignal.timeout(5_000),
      });
      return response.ok;
    },
    120_000,
  );
}

async function stopLadder(ladder: ChildProcess): Promise<void> {
  if (ladder.exitCode !== null) return;
  const exited = new Promise((resolve) => ladder.once('exit', resolve));
  ladder.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  if (ladder.exitCode === null) ladder.kill('SIGKILL');
}

/** Shows scoring, then the follow-up and e-mail it caused, until Ladder has nothing left in hand. */
async function waitUntilProcessed(config: LadderConfig, produced: number): Promise<void> {
  const probe = await BacklogProbe.open(config);
  try {
    const scoring = new ProgressBar('Scoring', produced);
    await waitFor(
      'scoring',
      async () => {
        const { scoringLag } = await probe.read();
        scoring.update(produced - scoringLag);
        return scoringLag === 0;
      },
      15 * 60_000,
    );
    scoring.finish();
    const following = new ProgressBar('Following up', 1);
    await waitFor(
      'follow-up and e-mail',
      async () => {
        const backlog = await probe.read();
        following.setTotal(Math.max(backlog.emails.total, 1));
        following.update(backlog.emails.sent + backlog.emails.failed, 'e-mails sent');
        return BacklogProbe.isIdle(backlog);
      },
      15 * 60_000,
    );
    following.finish();
  } finally {
    await probe.close();
  }
}

/** Asks Ladder for the RFM quintiles of the whole customer base now, as a manager would, and waits for them. */
async function recomputeSegments(config: LadderConfig): Promise<void> {
  const requested = await api<RecomputeJobDto>(config, '/api/segments/recompute', 'POST');
  const bar = new ProgressBar('Segments', 1);
  await waitFor(
    'the segment recompute',
    async () => {
      const job = await api<RecomputeJobDto>(config, `/api/segments/recompute/${requested.jobId}`);
      if (job.state === 'failed') throw new Error(`the segment recompute failed: ${job.failedReason}`);
      bar.setTotal(Math.max(job.progress?.total ?? 1, 1));
      bar.update(job.progress?.done ?? 0, 'customers');
      return job.state === 'completed';
    },
    10 * 60_000,
  );
  bar.finish();
}

interface PromoterPlay {
  /** How many invitation links the demo's promoters followed. */
  linksFollowed: number;
  /** The friends' purchases with members' codes, produced into Kafka. */
  referrals: SimulatedReferral[];
}

/**
 * The promoters' part, played as they would: each reads the invitation Ladder actually sent them, a seeded
 * share follows its join link in a browser, and then a few friends buy with the members' codes (with one or
 * two purchases a fraud check must hold). The randomness is libs/simulation's; the I/O is here.
 */
async function playPromoters(
  config: LadderConfig,
  settings: SimulateSettings,
  traffic: SimulatedMessage[],
): Promise<PromoterPlay> {
  const database = new pg.Client({ connectionString: config.databaseUrl });
  await database.connect();
  try {
    const invitations = (await caughtThisRun(config, database)).filter(
      (email) => email.headers['x-ladder-notification'] === 'loyalty-invitation',
    );
    const links = invitations.flatMap((email) => {
      const [link] = linksIn(email, `${config.publicUrl}/join/`);
      return link ? [{ recipient: email.to[0]?.address ?? email.id, link }] : [];
    });
    const joining = choosePromotersWhoJoin(links, (item) => item.recipient, settings.seed);
    const bar = new ProgressBar('Joining', joining.length);
    // Ladder should accept every link (they are minutes old); any it turns down is shown, not hidden.
    const refused = new Map<number, number>();
    for (const [index, { link }] of joining.entries()) {
      const response = await fetch(link, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (!response.ok) refused.set(response.status, (refused.get(response.status) ?? 0) + 1);
      bar.update(index + 1, 'links followed');
    }
    bar.finish();
    const turnedDown = [...refused].map(([status, count]) => `${count} with HTTP ${status}`).join(', ');
    process.stdout.write(
      `  ${invitations.length} invitation e-mails caught; ${joining.length} promoters followed their link` +
        `${turnedDown ? `, Ladder turned down ${turnedDown}` : ''}\n`,
    );

    const members = await database.query<{
      customer_id: string;
      store_id: string;
      referral_code: string;
      email: string | null;
      phone: string | null;
    }>(
      `SELECT m.customer_id, m.store_id, m.referral_code, c.email, c.phone
         FROM loyalty_members m LEFT JOIN customers c ON c.id = m.customer_id`,
    );
    const referrals = simulateReferrals({
      seed: settings.seed,
      at: new Date(),
      members: members.rows.map((row): SimulatedMember => ({
        customerId: row.customer_id,
        storeId: row.store_id,
        referralCode: row.referral_code,
        email: row.email,
        phone: row.phone,
      })),
      traffic,
      stores: await loadSimulatedStores(settings),
    });
    return { linksFollowed: joining.length, referrals };
  } finally {
    await database.end();
  }
}

/**
 * The e-mails this run sent that the SMTP catcher caught. MailDev keeps those of earlier runs of the same
 * namespace too (whose join links would still verify): this run's are told apart by their Message-ID, which
 * is the id of one of this database's notifications.
 */
async function caughtThisRun(config: LadderConfig, database: pg.Client): Promise<CaughtEmail[]> {
  const sent = await database.query<{ message_id: string }>(
    `SELECT message_id FROM notifications WHERE status = 'sent' AND message_id IS NOT NULL`,
  );
  const ours = new Set(sent.rows.map((row) => bareMessageId(row.message_id)));
  return (await new MailCatcher().fromInstance(config.queuePrefix)).filter((email) =>
    ours.has(bareMessageId(email.headers['message-id'] ?? '')),
  );
}

function bareMessageId(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, '');
}

/** Counts only: who the friends are stays out of the output, like the logs. */
function describeReferrals(referrals: SimulatedReferral[]): string {
  const count = (kind: SimulatedReferral['kind']) =>
    referrals.filter((referral) => referral.kind === kind).length;
  return (
    `  ${referrals.length} first purchases with a member's code: ${count('new-friend')} new friends, ` +
    `${count('same-email')} under the referrer's own e-mail address, ` +
    `${count('existing-customer')} by a customer who had bought before`
  );
}

async function api<Body>(config: LadderConfig, path: string, method = 'GET'): Promise<Body> {
  const response = await fetch(`${config.publicUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${config.adminToken}` },
  });
  if (!response.ok) throw new Error(`${method} ${path} answered HTTP ${response.status}`);
  return (await response.json()) as Body;
}

async function summary(
  config: LadderConfig,
  messages: SimulatedMessage[],
  promoters: PromoterPlay & { startedAt: Date },
): Promise<string> {
  const database = new pg.Client({ connectionString: config.databaseUrl });
  await database.connect();
  try {
    const accepted = await database.query<{ topic: string; count: number }>(
      'SELECT topic, count(*)::int AS count FROM processed_events GROUP BY topic',
    );
    const rejected = await database.query<{ reason_code: string; count: number }>(
      'SELECT reason_code, count(*)::int AS count FROM dead_letters GROUP BY reason_code ORDER BY 2 DESC',
    );
    const cases = await database.query<{ count: number; first: string | null }>(
      `SELECT count(*)::int AS count, (array_agg(id ORDER BY priority DESC, created_at))[1]::text AS first FROM follow_up_cases`,
    );
    const notifications = await database.query<{ kind: string; status: string; count: number }>(
      'SELECT kind, status, count(*)::int AS count FROM notifications GROUP BY kind, status',
    );
    const invitations = await database.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM loyalty_invitations',
    );
    const members = await database.query<{ count: number; this_run: number }>(
      `SELECT count(*)::int AS count, count(*) FILTER (WHERE joined_at >= $1)::int AS this_run FROM loyalty_members`,
      [promoters.startedAt],
    );
    const referrals = await database.query<{ status: string; count: number }>(
      'SELECT status, count(*)::int AS count FROM referrals GROUP BY status',
    );
    const heldFor = await database.query<{ flag: string; count: number }>(
      `SELECT flag, count(*)::int AS count FROM referrals, unnest(flags) AS flag
        WHERE status = 'review' GROUP BY flag ORDER BY 2 DESC, 1`,
    );
    const rewards = await database.query<{ kind: string; currency: string; count: number; total: string }>(
      `SELECT kind, currency, count(*)::int AS count, sum(amount_minor)::text AS total
         FROM rewards GROUP BY kind, currency ORDER BY kind DESC, currency`,
    );
    const caught = await caughtThisRun(config, database);
    const nps = await api<NpsReportDto>(config, '/api/nps?groupBy=store');
    const ladder = await api<LadderReportDto>(config, '/api/ladder');
    const segments = await api<SegmentsReportDto>(config, '/api/segments');

    const byTopic = (topic: string) =>
      accepted.rows.find((row) => row.topic === topicName(config.kafka.topicPrefix, topic as never))?.count ??
      0;
    const acceptedTotal = accepted.rows.reduce((sum, row) => sum + row.count, 0);
    const rejectedTotal = rejected.rows.reduce((sum, row) => sum + row.count, 0);
    const produced = (topic: string) => messages.filter((message) => message.topic === topic).length;
    const sent = (kind: string) =>
      notifications.rows.find((row) => row.kind === kind && row.status === 'sent')?.count ?? 0;
    const withStatus = (status: string) =>
      notifications.rows.filter((row) => row.status === status).reduce((sum, row) => sum + row.count, 0);
    const failed = withStatus('failed');
    const suppressed = withStatus('suppressed');
    const sentByKind = [...new Set(notifications.rows.map((row) => row.kind))]
      .sort()
      .filter((kind) => sent(kind) > 0)
      .map((kind) => `${kind} ${sent(kind)}`);
    const referralsWith = (status: string) => referrals.rows.find((row) => row.status === status)?.count ?? 0;
    const referralTotal = referrals.rows.reduce((sum, row) => sum + row.count, 0);
    const held = heldFor.rows.map((row) => `${row.flag} ${row.count}`).join(', ');
    const rewardKinds = [...new Set(rewards.rows.map((row) => row.kind))].map((kind) => {
      const rows = rewards.rows.filter((row) => row.kind === kind);
      const worth = rows.map((row) => formatMoney(Number(row.total), row.currency, 'en')).join(' + ');
      return `${kind} ${rows.reduce((sum, row) => sum + row.count, 0)} worth ${worth}`;
    });
    const lines = [
      `  Events produced      ${messages.length}  (${produced('purchases')} purchases, ${produced('surveys')} answers, ${produced('leads')} leads)`,
      `  Accepted             ${acceptedTotal}  (${byTopic('purchases')} purchases, ${byTopic('surveys')} answers, ${byTopic('leads')} leads)`,
      `  Repeats ignored      ${messages.length - acceptedTotal - rejectedTotal}`,
      `  Rejected to the DLQ  ${rejectedTotal}  (${rejected.rows.map((row) => `${row.reason_code} ${row.count}`).join(', ') || 'none'})`,
      `  Cases opened         ${cases.rows[0]!.count}`,
      `  E-mails sent         ${withStatus('sent')}  (${sentByKind.join(', ') || 'none'})${failed ? `; ${failed} failed` : ''}${suppressed ? `; ${suppressed} not sent, unsubscribed` : ''}`,
      `  E-mails caught       ${caught.length}  (read them at ${LOCAL_SMTP_WEB_URL})`,
      '',
      `  NPS per store (${nps.total.responses} answers; 95 % margin of error; low sample under ${nps.minimumSample})`,
      `    ${'store'.padEnd(14)}${'answers'.padStart(8)}${'NPS'.padStart(8)}${'margin'.padStart(9)}`,
      ...nps.rows.map(
        (row) =>
          `    ${row.key.padEnd(14)}${String(row.responses).padStart(8)}${formatNps(row.nps).padStart(8)}${(row.marginOfError95 === null ? '–' : `± ${row.marginOfError95.toFixed(1)}`).padStart(9)}${row.lowSample ? '  (low sample)' : ''}`,
      ),
      `    ${'all stores'.padEnd(14)}${String(nps.total.responses).padStart(8)}${formatNps(nps.total.nps).padStart(8)}${(nps.total.marginOfError95 === null ? '–' : `± ${nps.total.marginOfError95.toFixed(1)}`).padStart(9)}`,
      '',
      `  Loyalty ladder (customers now)  ${ladder.stages.map((stage) => `${stage.stage} ${stage.customers}`).join(' · ')}`,
      `  Moves up and down the ladder    ${ladder.moves.reduce((sum, move) => sum + move.moves, 0)} (${ladder.moves
        .slice(0, 4)
        .map((move) => `${move.from ?? 'new'}→${move.to} ${move.moves}`)
        .join(', ')}, …)`,
      `  RFM segments                    ${segments.segments
        .filter((segment) => segment.customers > 0)
        .map((segment) => `${segment.segment} ${segment.customers}`)
        .join(' · ')}`,
      '',
      '  Loyalty club (promoters who consented are invited; the demo followed a share of the links)',
      `  Invitations sent     ${sent('loyalty-invitation')}  (${invitations.rows[0]!.count} promoters invited; ${promoters.linksFollowed} links followed in this run)`,
      `  Members              ${members.rows[0]!.count}  (${members.rows[0]!.this_run} joined in this run)`,
      `  Referral conversions ${referralTotal}  (cooling-off ${referralsWith('cooling-off')}, rewarded ${referralsWith('rewarded')}, review ${referralsWith('review')}${held ? ` [${held}]` : ''}, rejected ${referralsWith('rejected')})`,
      `  Rewards issued       ${rewards.rows.reduce((sum, row) => sum + row.count, 0)}  (${rewardKinds.join('; ') || 'none'})`,
      '',
      '  Where to look',
      `    The queue       ${config.publicUrl}/ui/  (sign in with the admin token below)`,
      `    Queue board     ${config.publicUrl}/admin/queues`,
      `    Health          ${config.publicUrl}/health/ready`,
      ...(cases.rows[0]!.first
        ? [`    A case          ${config.publicUrl}/cases/${cases.rows[0]!.first}`]
        : []),
      `    The API         curl -H 'Authorization: Bearer ${DEMO_TOKEN}' ${config.publicUrl}/api/cases?status=open`,
      `    NPS             curl -H 'Authorization: Bearer ${DEMO_TOKEN}' '${config.publicUrl}/api/nps?groupBy=store'`,
      `    The ladder      curl -H 'Authorization: Bearer ${DEMO_TOKEN}' ${config.publicUrl}/api/ladder`,
      `    Club members    curl -H 'Authorization: Bearer ${DEMO_TOKEN}' ${config.publicUrl}/api/members`,
      `    Held referrals  curl -H 'Authorization: Bearer ${DEMO_TOKEN}' '${config.publicUrl}/api/referrals?status=review'`,
      `    E-mails         ${LOCAL_SMTP_WEB_URL}`,
      `    Admin token     ${DEMO_TOKEN}`,
    ];
    return `${lines.join('\n')}\n`;
  } finally {
    await database.end();
  }
}

function formatNps(nps: number | null): string {
  return nps === null ? '–' : `${nps > 0 ? '+' : ''}${nps.toFixed(1)}`;
}

function section(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}
