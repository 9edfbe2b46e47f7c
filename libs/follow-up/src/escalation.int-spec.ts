import type { LadderConfig } from '#config';
import { DirectoryService } from '#directory';
import { JobQueueService } from '#queues';
import { type TestEnvironment, createTestEnvironment, startLibrary, storeSurveyAnswer } from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { CaseMaintenanceService } from './case-maintenance.service.js';
import { CaseOpeningService } from './case-opening.service.js';
import { FollowUpModule } from './follow-up.module.js';

const HOUR = 3_600_000;
const STORE_MANAGER = 'neda.karimi@example.com';
const REGION_MANAGER = 'reza.ahmadi@example.com';

type EscalationTimer = Job<{ caseId: string; level: number; dueAt: number }>;

describe('escalating overdue cases against PostgreSQL and Redis', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let maintenance: CaseMaintenanceService;
  let database: DataSource;

  const rows = (sql: string, parameters: unknown[] = []) => database.query(sql, parameters);
  const escalationsOf = (caseId: string) =>
    rows(
      `SELECT key, recipient_email FROM notifications WHERE kind = 'case-escalation' AND subject_ids->>'caseId' = $1
        ORDER BY created_at`,
      [caseId],
    );
  const escalatedHistoryOf = (caseId: string) =>
    rows(`SELECT details FROM case_history WHERE case_id = $1 AND action = 'escalated' ORDER BY id`, [
      caseId,
    ]);
  const levelOf = async (caseId: string): Promise<number> =>
    (await rows('SELECT escalation_level FROM follow_up_cases WHERE id = $1', [caseId]))[0].escalation_level;

  /** The escalation timers of a case now in BullMQ (a timer due at once waits rather than being delayed). */
  async function timersOf(caseId: string): Promise<EscalationTimer[]> {
    const jobs = await module.get(JobQueueService).queue('follow-up').getJobs(['delayed', 'waiting']);
    return jobs.filter((job) => job.name === 'escalate-case' && job.data.caseId === caseId);
  }

  let answers = 0;
  /** A detractor answer opens a case, as scoring's job would; returns the case and the timer it started. */
  async function openCase(storeId: string): Promise<{ caseId: string; timer: EscalationTimer }> {
    answers += 1;
    const eventId = `s-${answers}`;
    await storeSurveyAnswer(database, { eventId, customerId: `c-${answers}`, storeId, score: 1 });
    const opened = await module.get(CaseOpeningService).openOrJoinCase(eventId);
    if (opened.outcome !== 'opened') throw new Error(`expected a new case, got ${opened.outcome}`);
    const [timer, ...more] = await timersOf(opened.caseId);
    expect(more).toHaveLength(0);
    return { caseId: opened.caseId, timer: timer! };
  }

  const fire = (timer: EscalationTimer) =>
    maintenance.escalateStep(timer.data.caseId, timer.data.level, timer.data.dueAt);

  beforeAll(async () => {
    environment = await createTestEnvironment('escalation');
    // A case at a store without its own SLA falls due at once; the regional manager is told an hour later.
    const config: LadderConfig = {
      ...environment.config,
      followUp: {
        ...environment.config.followUp,
        defaultSlaMs: 1,
        escalationSteps: [
          { to: 'store-manager', afterDueMs: 0 },
          { to: 'regional-manager', afterDueMs: HOUR },
        ],
      },
    };
    module = await startLibrary(config, FollowUpModule);
    maintenance = module.get(CaseMaintenanceService);
    database = module.get(DataSource);
    const store = (id: string, manager: { name: string; email: string }) => ({
      id,
      name: id,
      regionId: 'tehran',
      timezone: 'Asia/Tehran',
      locale: 'en',
      manager,
    });
    await module.get(DirectoryService).importDirectory({
      regions: [{ id: 'tehran', name: 'Tehran', manager: { name: 'Reza Ahmadi', email: REGION_MANAGER } }],
      stores: [
        store('vanak', { name: 'Neda Karimi', email: STORE_MANAGER }),
        { ...store('tajrish', { name: 'Ali Moradi', email: 'ali.moradi@example.com' }), followUpSla: '2h' },
      ],
      employees: [],
    });
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  it('escalates a case past its due time once, to the store manager, and sets the next step', async () => {
    const { caseId, timer } = await openCase('vanak');
    const { dueAt } = timer.data;
    expect(timer.data.level).toBe(1);
    expect(Date.now()).toBeGreaterThan(dueAt);

    await expect(fire(timer)).resolves.toBe('escalated');

    expect(await escalationsOf(caseId)).toEqual([
      { key: `case-escalation:${caseId}:1:${dueAt}`, recipient_email: STORE_MANAGER },
    ]);
    expect(await escalatedHistoryOf(caseId)).toEqual([
      { details: expect.objectContaining({ level: 1, to: 'store-manager', automatic: true }) },
    ]);
    expect(await levelOf(caseId)).toBe(1);
    // The regional manager's step is now waiting for its own time.
    const next = (await timersOf(caseId)).find((job) => job.data.level === 2);
    expect(next?.data).toEqual({ caseId, level: 2, dueAt });
    expect(await next?.getState()).toBe('delayed');
    expect(Math.abs(next!.timestamp + next!.delay - (dueAt + HOUR))).toBeLessThan(1_000);

    // The same timer delivered again (a retry, a second worker) takes no second step.
    await expect(fire(timer)).resolves.toBe('already-escalated');
    expect(await escalationsOf(caseId)).toHaveLength(1);
    expect(await escalatedHistoryOf(caseId)).toHaveLength(1);
    expect(await levelOf(caseId)).toBe(1);
  });

  it('takes no step when its timer runs before the step is due, and says until when it waits', async () => {
    const { caseId, timer } = await openCase('vanak');
    await expect(fire(timer)).resolves.toBe('escalated');
    // The regional manager's step is an hour after the due time; its timer run now (a retry re-created
    // by the reconciler, a job promoted by hand) must wait for it.
    await expect(maintenance.escalateStep(caseId, 2, timer.data.dueAt)).resolves.toEqual({
      notDueUntil: new Date(timer.data.dueAt + HOUR),
    });
    expect(await escalationsOf(caseId)).toHaveLength(1);
    expect(await levelOf(caseId)).toBe(1);
  });

  it('ignores a timer made for a due time the case no longer has', async () => {
    const { caseId, timer } = await openCase('vanak');
    // The store's SLA grew: the case is due later, and the timer made for the old time is stale.
    await rows('UPDATE follow_up_cases SET due_at = $2 WHERE id = $1', [
      caseId,
      new Date(Date.now() + 2 * HOUR),
    ]);

    await expect(fire(timer)).resolves.toBe('stale');

    expect(await escalationsOf(caseId)).toHaveLength(0);
    expect(await escalatedHistoryOf(caseId)).toHaveLength(0);
    expect(await levelOf(caseId)).toBe(0);
  });

  it.each(['resolved', 'closed'])('never escalates a %s case', async (status) => {
    const { caseId, timer } = await openCase('vanak');
    await rows(
      `UPDATE follow_up_cases SET status = $2, outcome = 'resolved', resolution = 'Called and apologised',
              resolved_at = now(), closed_at = CASE WHEN $2 = 'closed' THEN now() END
        WHERE id = $1`,
      [caseId, status],
    );

    await expect(fire(timer)).resolves.toBe('not-active');
    await maintenance.escalationSweep();

    expect(await escalationsOf(caseId)).toHaveLength(0);
    expect(await levelOf(caseId)).toBe(0);
  });

  it('escalates exactly once an overdue case whose timer was lost, even when two sweeps run at once', async () => {
    const overdue = await openCase('vanak');
    const notYetDue = await openCase('tajrish');
    // Redis lost the delayed jobs (flushed, restored from an old snapshot).
    await overdue.timer.remove();
    await notYetDue.timer.remove();

    const swept = await Promise.all([maintenance.escalationSweep(), maintenance.escalationSweep()]);

    expect(swept[0]! + swept[1]!).toBe(1);
    expect(await escalationsOf(overdue.caseId)).toEqual([
      {
        key: `case-escalation:${overdue.caseId}:1:${overdue.timer.data.dueAt}`,
        recipient_email: STORE_MANAGER,
      },
    ]);
    expect(await escalatedHistoryOf(overdue.caseId)).toHaveLength(1);
    expect(await levelOf(overdue.caseId)).toBe(1);
    expect(await escalationsOf(notYetDue.caseId)).toHaveLength(0);
    expect(await levelOf(notYetDue.caseId)).toBe(0);
    // The sweep set the next step's timer, as the lost one would have.
    expect((await timersOf(overdue.caseId)).map((job) => job.data.level)).toEqual([2]);

    // The lost timer turning up late, and the next sweep, change nothing.
    await expect(fire(overdue.timer)).resolves.toBe('already-escalated');
    await expect(maintenance.escalationSweep()).resolves.toBe(0);
    expect(await escalationsOf(overdue.caseId)).toHaveLength(1);
  });

  it("takes the regional manager's step once a case is that far past its due time", async () => {
    const { caseId, timer } = await openCase('vanak');
    await expect(fire(timer)).resolves.toBe('escalated');
    const longAgo = new Date(Date.now() - 2 * HOUR);
    await rows('UPDATE follow_up_cases SET due_at = $2 WHERE id = $1', [caseId, longAgo]);

    await expect(maintenance.escalationSweep()).resolves.toBe(1);
    await expect(maintenance.escalationSweep()).resolves.toBe(0);

    expect(await escalationsOf(caseId)).toEqual([
      expect.objectContaining({ recipient_email: STORE_MANAGER }),
      { key: `case-escalation:${caseId}:2:${longAgo.getTime()}`, recipient_email: REGION_MANAGER },
    ]);
    expect(await levelOf(caseId)).toBe(2);
    // Two steps are all there are: no timer is left for this case.
    expect((await timersOf(caseId)).filter((job) => job.data.dueAt === longAgo.getTime())).toHaveLength(0);
  });
});
