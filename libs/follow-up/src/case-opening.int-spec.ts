import { jobId } from '#contracts';
import { DirectoryService } from '#directory';
import { JobQueueService } from '#queues';
import { type TestEnvironment, createTestEnvironment, startLibrary, storeSurveyAnswer } from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { CaseOpeningService } from './case-opening.service.js';
import { FollowUpModule } from './follow-up.module.js';

const HOUR = 3_600_000;
const STORE_MANAGER = 'neda.karimi@example.com';

describe('opening follow-up cases against PostgreSQL and Redis', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let opening: CaseOpeningService;
  let database: DataSource;

  const rows = (sql: string, parameters: unknown[] = []) => database.query(sql, parameters);
  const casesOf = (customerId: string) =>
    rows('SELECT id, store_id, status, due_at FROM follow_up_cases WHERE customer_id = $1', [customerId]);
  const alertsOf = (caseId: string) =>
    rows(`SELECT key, recipient_email FROM notifications WHERE subject_ids->>'caseId' = $1`, [caseId]);
  const historyOf = (caseId: string) =>
    rows('SELECT action, details FROM case_history WHERE case_id = $1 ORDER BY id', [caseId]);
  /** Stores a customer's answer at a store (Vanak unless named), as scoring would have. */
  const answer = (eventId: string, customerId: string, score: number, storeId = 'vanak') =>
    storeSurveyAnswer(database, { eventId, customerId, storeId, score });

  const answersOf = async (caseId: string) =>
    (await rows('SELECT survey_event_id FROM case_answers WHERE case_id = $1 ORDER BY 1', [caseId])).map(
      (row: { survey_event_id: string }) => row.survey_event_id,
    );
  const escalationTimers = async (caseId: string) =>
    (await module.get(JobQueueService).queue('follow-up').getDelayed()).filter(
      (job) => job.name === 'escalate-case' && job.data.caseId === caseId,
    );

  beforeAll(async () => {
    environment = await createTestEnvironment('case-opening');
    module = await startLibrary(environment.config, FollowUpModule);
    opening = module.get(CaseOpeningService);
    database = module.get(DataSource);
    await module.get(DirectoryService).importDirectory({
      regions: [
        { id: 'tehran', name: 'Tehran', manager: { name: 'Reza Ahmadi', email: 'reza.ahmadi@example.com' } },
      ],
      stores: [
        {
          id: 'vanak',
          name: 'Tehran Vanak',
          regionId: 'tehran',
          timezone: 'Asia/Tehran',
          locale: 'fa-IR',
          manager: { name: 'Neda Karimi', email: STORE_MANAGER },
          followUpSla: '2h',
        },
      ],
      employees: [],
    });
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  it("opens one case for a detractor, due after the store's SLA, alerting its manager and starting its timer", async () => {
    await answer('s-open', 'c-open', 2);
    const before = Date.now();
    const result = await opening.openOrJoinCase('s-open');
    const after = Date.now();

    expect(result).toEqual({ outcome: 'opened', caseId: expect.any(String) });
    const caseId = (result as { caseId: string }).caseId;
    const [opened, ...others] = await casesOf('c-open');
    expect(others).toHaveLength(0);
    expect(opened).toMatchObject({ id: caseId, store_id: 'vanak', status: 'open' });
    const dueAt = (opened.due_at as Date).getTime();
    expect(dueAt).toBeGreaterThanOrEqual(before + 2 * HOUR);
    expect(dueAt).toBeLessThanOrEqual(after + 2 * HOUR);
    expect(await answersOf(caseId)).toEqual(['s-open']);

    expect(await historyOf(caseId)).toEqual([
      {
        action: 'opened',
        details: expect.objectContaining({ surveyEventId: 's-open', slaMs: 2 * HOUR, owner: 'store-team' }),
      },
    ]);
    expect(await alertsOf(caseId)).toEqual([{ key: `case-alert:${caseId}`, recipient_email: STORE_MANAGER }]);
    const followUp = module.get(JobQueueService).queue('follow-up');
    const timer = await followUp.getJob(jobId('escalate-case', `${caseId}/1/${dueAt}`));
    expect(timer?.data).toEqual({ caseId, level: 1, dueAt });
    expect(await timer?.getState()).toBe('delayed');
    // The first step is taken at the due time itself (the default steps: store manager at +0s).
    expect(Math.abs(timer!.timestamp + timer!.delay - dueAt)).toBeLessThan(1_000);
    const sending = module.get(JobQueueService).queue('notifications');
    expect(await sending.getJob(jobId('send-notification', `case-alert:${caseId}`))).toBeDefined();
  });

  it('creates nothing more when the same answer is delivered again', async () => {
    await answer('s-again', 'c-again', 0);
    const first = await opening.openOrJoinCase('s-again');
    expect(first.outcome).toBe('opened');
    const caseId = (first as { caseId: string }).caseId;

    await expect(opening.openOrJoinCase('s-again')).resolves.toEqual({ outcome: 'already-handled', caseId });
    await expect(opening.openOrJoinCase('s-again')).resolves.toEqual({ outcome: 'already-handled', caseId });

    expect(await casesOf('c-again')).toHaveLength(1);
    expect(await answersOf(caseId)).toEqual(['s-again']);
    expect(await alertsOf(caseId)).toHaveLength(1);
    expect((await historyOf(caseId)).map((entry: { action: string }) => entry.action)).toEqual(['opened']);
    expect(await escalationTimers(caseId)).toHaveLength(1);
  });

  it('joins a second detractor answer of the customer at that store to the open case, without a second alert', async () => {
    await answer('s-join-1', 'c-join', 5);
    await answer('s-join-2', 'c-join', 1);
    const first = await opening.openOrJoinCase('s-join-1');
    const caseId = (first as { caseId: string }).caseId;

    await expect(opening.openOrJoinCase('s-join-2')).resolves.toEqual({ outcome: 'joined', caseId });

    expect(await casesOf('c-join')).toHaveLength(1);
    expect(await answersOf(caseId)).toEqual(['s-join-1', 's-join-2']);
    expect(await alertsOf(caseId)).toHaveLength(1);
    expect(await historyOf(caseId)).toEqual([
      expect.objectContaining({ action: 'opened' }),
      { action: 'answer-joined', details: { surveyEventId: 's-join-2', score: 1 } },
    ]);
    expect(await escalationTimers(caseId)).toHaveLength(1);
  });

  it('gives an answer at a store the directory does not know to the fallback owner, on the default SLA', async () => {
    await answer('s-unknown', 'c-unknown', 3, 'kiosk-nowhere');
    const before = Date.now();
    const result = await opening.openOrJoinCase('s-unknown');

    expect(result.outcome).toBe('opened');
    const caseId = (result as { caseId: string }).caseId;
    const [opened] = await casesOf('c-unknown');
    const defaultSlaMs = environment.config.followUp.defaultSlaMs;
    expect((opened.due_at as Date).getTime()).toBeGreaterThanOrEqual(before + defaultSlaMs);
    expect((opened.due_at as Date).getTime()).toBeLessThanOrEqual(Date.now() + defaultSlaMs);
    expect(await historyOf(caseId)).toEqual([
      {
        action: 'opened',
        details: expect.objectContaining({ owner: 'fallback-owner', slaMs: defaultSlaMs }),
      },
    ]);
    expect(await alertsOf(caseId)).toEqual([
      { key: `case-alert:${caseId}`, recipient_email: environment.config.fallbackOwnerEmail },
    ]);
  });

  it.each([
    ['a passive', 7],
    ['a promoter', 10],
  ])('opens no case for %s answer', async (_label, score) => {
    const eventId = `s-score-${score}`;
    await answer(eventId, `c-score-${score}`, score);

    await expect(opening.openOrJoinCase(eventId)).resolves.toEqual({ outcome: 'not-a-detractor' });

    expect(await casesOf(`c-score-${score}`)).toHaveLength(0);
    expect(await rows('SELECT 1 FROM case_answers WHERE survey_event_id = $1', [eventId])).toHaveLength(0);
  });

  it('refuses for good an answer that does not exist, so its job is not retried', async () => {
    await expect(opening.openOrJoinCase('s-never-stored')).rejects.toBeInstanceOf(UnrecoverableError);
    expect(
      await rows(`SELECT 1 FROM follow_up_cases WHERE opened_by_event_id = 's-never-stored'`),
    ).toHaveLength(0);
  });

  it('ends with exactly one case when two answers of one customer at one store are handled at the same time', async () => {
    await answer('s-race-1', 'c-race', 4);
    await answer('s-race-2', 'c-race', 6);

    const results = await Promise.all([
      opening.openOrJoinCase('s-race-1'),
      opening.openOrJoinCase('s-race-2'),
    ]);

    expect(results.map((result) => result.outcome).sort()).toEqual(['joined', 'opened']);
    const cases = await casesOf('c-race');
    expect(cases).toHaveLength(1);
    expect(results.map((result) => (result as { caseId: string }).caseId)).toEqual([
      cases[0].id,
      cases[0].id,
    ]);
    expect(await answersOf(cases[0].id)).toEqual(['s-race-1', 's-race-2']);
    expect(await alertsOf(cases[0].id)).toHaveLength(1);
    expect(await escalationTimers(cases[0].id)).toHaveLength(1);
  });

  it('tells the reconciler which detractor answers have no case, so a job Redis lost is queued again', async () => {
    await answer('s-lost-1', 'c-lost-1', 2);
    await answer('s-lost-2', 'c-lost-2', 3);
    await answer('s-lost-passive', 'c-lost-3', 8);
    await opening.openOrJoinCase('s-lost-1');
    // Received a minute ago: older than the work still in flight, which the reconciler leaves alone.
    await rows(
      `UPDATE survey_answers SET received_at = now() - interval '1 minute' WHERE event_id LIKE 's-lost-%'`,
    );

    const jobs = (await opening.jobsToReconcile()).filter((job) => job.id.includes('s-lost-'));
    expect(jobs).toEqual([
      {
        name: 'open-follow-up-case',
        id: jobId('open-follow-up-case', 's-lost-2'),
        payload: { surveyEventId: 's-lost-2' },
      },
    ]);
    const queue = module.get(JobQueueService);
    await queue.queue('follow-up').remove(jobs[0]!.id);
    await expect(queue.ensure(jobs)).resolves.toEqual({ added: 1, present: 0, retried: 0 });
    // Asked again while the job waits: it is there, nothing is added twice.
    await expect(queue.ensure(jobs)).resolves.toEqual({ added: 0, present: 1, retried: 0 });
    expect(await queue.queue('follow-up').getJob(jobs[0]!.id)).toBeDefined();
  });
});
