import type { LadderConfig } from '#config';
import { topicName, type LadderReportDto, type NpsReportDto, type SegmentsReportDto } from '#contracts';
import { LOCAL_SMTP_WEB_URL } from '#local-stack';
import { formatMoney } from '#mail';
import type { SimulatedMessage } from '#simulation';
import pg from 'pg';
import { caughtThisRun } from './caught-mail.js';
import { api } from './ladder-api.js';
import type { PromoterPlay } from './promoters.js';

/** What the run did, read back from the database, the API and the caught mail, and where to look next. */
export async function summary(
  config: LadderConfig,
  messages: SimulatedMessage[],
  promoters: PromoterPlay & { startedAt: Date },
  crossSell: string[] = [],
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
    const points = await database.query<{ kind: string; points: number }>(
      'SELECT kind, sum(points)::int AS points FROM points_entries GROUP BY kind',
    );
    const tiers = await database.query<{ tier: string; count: number }>(
      'SELECT tier, count(*)::int AS count FROM loyalty_members WHERE tier IS NOT NULL GROUP BY tier ORDER BY tier',
    );
    const redemptions = await database.query<{ outcome: string; count: number }>(
      'SELECT outcome, count(*)::int AS count FROM voucher_redemptions GROUP BY outcome ORDER BY outcome',
    );
    const refunds = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM refunds');
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
    const pointsOf = (kind: string) => Math.abs(points.rows.find((row) => row.kind === kind)?.points ?? 0);
    const earned = ['purchase', 'survey', 'referral'].reduce((sum, kind) => sum + pointsOf(kind), 0);
    const balance = points.rows.reduce((sum, row) => sum + row.points, 0);
    const redeemed = redemptions.rows.find((row) => row.outcome === 'redeemed')?.count ?? 0;
    const refusedCodes = redemptions.rows.filter((row) => row.outcome !== 'redeemed');
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
      `  Points               ${earned} earned (purchases ${pointsOf('purchase')}, answers ${pointsOf('survey')}, referrals ${pointsOf('referral')}); ${pointsOf('spent')} spent, ${pointsOf('reversed')} taken back and ${pointsOf('restored')} given back by refunds, ${pointsOf('expired')} expired; ${balance} held`,
      `  Member tiers         ${tiers.rows.map((row) => `${row.tier} ${row.count}`).join(' · ') || 'none yet'}  (tier-reached e-mails ${sent('tier-reached')})`,
      `  Vouchers at the till ${redeemed} redeemed; refused ${refusedCodes.map((row) => `${row.outcome} ${row.count}`).join(', ') || 'none'}; ${refunds.rows[0]!.count} refunds`,
      ...crossSell,
      '',
      '  Where to look',
      `    The queue       ${config.publicUrl}/ui/  (sign in with the admin token below)`,
      `    The dashboard   ${config.publicUrl}/ui/#/dashboard`,
      `    Queue board     ${config.publicUrl}/admin/queues`,
      `    Health          ${config.publicUrl}/health/ready`,
      ...(cases.rows[0]!.first
        ? [`    A case          ${config.publicUrl}/cases/${cases.rows[0]!.first}`]
        : []),
      `    The API         curl -H 'Authorization: Bearer ${config.adminToken}' ${config.publicUrl}/api/cases?status=open`,
      `    NPS             curl -H 'Authorization: Bearer ${config.adminToken}' '${config.publicUrl}/api/nps?groupBy=store'`,
      `    The ladder      curl -H 'Authorization: Bearer ${config.adminToken}' ${config.publicUrl}/api/ladder`,
      `    Club members    curl -H 'Authorization: Bearer ${config.adminToken}' ${config.publicUrl}/api/members`,
      `    Cross-sell      curl -H 'Authorization: Bearer ${config.adminToken}' ${config.publicUrl}/api/cross-sell/rules`,
      `    Redemption      curl -H 'Authorization: Bearer ${config.adminToken}' ${config.publicUrl}/api/vouchers/redemption`,
      `    Held referrals  curl -H 'Authorization: Bearer ${config.adminToken}' '${config.publicUrl}/api/referrals?status=review'`,
      `    E-mails         ${LOCAL_SMTP_WEB_URL}`,
      `    Admin token     ${config.adminToken}`,
    ];
    return `${lines.join('\n')}\n`;
  } finally {
    await database.end();
  }
}

function formatNps(nps: number | null): string {
  return nps === null ? '–' : `${nps > 0 ? '+' : ''}${nps.toFixed(1)}`;
}
