import { textTable } from './bench-figures.js';
import type { PipelineTimes } from './pipeline-watch.js';
import { SERVICES, type ServiceCores, type ServiceCpuSampler } from './service-cpu.js';
import type { AcceptedMail } from './smtp-sink.js';
import { withDatabase } from './run-database.js';

/** One stage of the closed loop in the all-roles run: how many it did and when its last one was done. */
export interface StageEnd {
  stage: string;
  count: number;
  /** Seconds from the start of the run's clock to the last one; null when there was none. */
  lastAtSeconds: number | null;
}

/** Where the all-roles run spent its time: when each stage finished, and which service used the CPU. */
export interface WhereTimeGoes {
  stages: StageEnd[];
  /** Cores each service used while the input was being scored, and after it, while the effects caught up. */
  cpu: { scoring: ServiceCores; catchingUp: ServiceCores };
}

/** The stage ends of a run, from its database and the SMTP sink, and the CPU its services used. */
export async function whereTimeGoes(
  databaseUrl: string,
  times: PipelineTimes,
  accepted: readonly AcceptedMail[],
  cpu: ServiceCpuSampler,
): Promise<WhereTimeGoes> {
  const after = (at: number | null) => (at === null ? null : Math.round((at - times.startedAt) / 100) / 10);
  const facts = await withDatabase(databaseUrl, async (database) => {
    const { rows } = await database.query<{ stage: string; count: number; last: Date | null }>(
      `SELECT 'cases opened' AS stage, count(DISTINCT case_id)::int AS count, max(joined_at) AS last
         FROM case_answers
       UNION ALL
       SELECT 'invitations decided', count(*)::int, max(invited_at) FROM loyalty_invitations`,
    );
    return rows;
  });
  const mail = new Map<string, { count: number; last: number }>();
  for (const item of accepted) {
    const kind = item.kind ?? 'other';
    const seen = mail.get(kind) ?? { count: 0, last: 0 };
    mail.set(kind, { count: seen.count + 1, last: Math.max(seen.last, item.acceptedAt) });
  }
  const stages: StageEnd[] = [
    { stage: 'input committed', count: 0, lastAtSeconds: after(times.committedAt) },
    ...facts.map((row) => ({
      stage: row.stage,
      count: row.count,
      lastAtSeconds: after(row.last?.getTime() ?? null),
    })),
    ...[...mail]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, seen]) => ({
        stage: `${kind} e-mails accepted`,
        count: seen.count,
        lastAtSeconds: after(seen.last),
      })),
    { stage: 'everything done', count: 0, lastAtSeconds: after(times.doneAt) },
  ];
  return {
    stages,
    cpu: {
      scoring: cpu.cores(times.startedAt, times.committedAt),
      catchingUp: cpu.cores(times.committedAt, times.doneAt),
    },
  };
}

/** The two tables that say where the time went: the stages' ends, and the CPU per service and phase. */
export function whereTimeGoesText(where: WhereTimeGoes, cores: number): string {
  const stageRows = where.stages.map((stage) => [
    stage.stage,
    stage.count ? stage.count.toLocaleString('en') : '',
    stage.lastAtSeconds === null ? 'none' : `${stage.lastAtSeconds.toFixed(1)} s`,
  ]);
  const cpuRows = SERVICES.map((service) => [
    service,
    share(where.cpu.scoring[service], cores),
    share(where.cpu.catchingUp[service], cores),
  ]);
  return [
    '  Where the time goes, all roles in one worker',
    '',
    textTable(['stage', 'count', 'last one done after'], stageRows),
    textTable(['CPU used by', 'while scoring', 'while the effects catch up'], cpuRows),
  ].join('\n');
}

function share(used: number, cores: number): string {
  return `${used.toFixed(2)} cores (${Math.round((used / cores) * 100)} % of the machine)`;
}
