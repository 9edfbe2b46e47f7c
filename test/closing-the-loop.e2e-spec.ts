import type { CaseDto, QueueHealthDto, RecoveryReportDto, RootCauseReportDto } from '#contracts';
import { addDays, localDay, startOfLocalDay } from '#domain';
import { parseDirectory, DirectoryService } from '#directory';
import { linksIn, MailCatcher } from '#local-stack';
import { JobQueueService } from '#queues';
import { jobId } from '#contracts';
import { callApi, createTestEnvironment, createTopics, eventually, type TestEnvironment } from '#testing';
import { readFileSync } from 'node:fs';
import {
  caseOf,
  dayBefore,
  emailsOf,
  issueToken,
  languageOf,
  produceAnswers,
  wallClock,
} from './support/feedback.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

const DIRECTORY_FILE = new URL('./fixtures/loop-directory.yaml', import.meta.url).pathname;
/** The online shop's time zone in that directory: where its days begin. */
const ONLINE_TIME_ZONE = 'Asia/Tehran';
const TEHRAN = 'Asia/Tehran';
const NEDA = 'neda.karimi@example.com'; // manages tehran-01 (fa-IR, SLA 6 s)
const ALI = 'ali.moradi@example.com'; // manages tehran-02 (fa-IR, SLA 48 h)
const SAM = 'sam.taylor@example.com'; // manages online (en, SLA 10 s)
const REZA = 'reza.ahmadi@example.com'; // the Tehran region's manager
// Store-manager escalation at the due time, the regional manager 4 s later.
const ESCALATION_STEPS = 'store-manager@0s,regional-manager@4s';

/**
 * Closing the loop on real Kafka, PostgreSQL, Redis and SMTP: the alert, escalation with shrunk SLAs, a
 * resolved case that never escalates, a changed SLA, recovery, the daily huddle at its local time and the
 * weekly outer-loop report. Every e-mail is read back from the SMTP catcher and parsed.
 */
describe('closing the loop', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  const catcher = new MailCatcher();
  const emails = () => catcher.fromInstance(environment.config.queuePrefix);
  // The huddle and the weekly report are scheduled for Tehran's wall clock a little after start-up.
  const huddleAt = new Date(Date.now() + 45_000);
  const outerLoopAt = new Date(Date.now() + 50_000);
  const huddleClock = wallClock(huddleAt, TEHRAN);
  const yesterday = dayBefore(huddleClock.date);

  beforeAll(async () => {
    const outerLoopClock = wallClock(outerLoopAt, TEHRAN);
    environment = await createTestEnvironment('loop', {
      LADDER_DIRECTORY: DIRECTORY_FILE,
      LADDER_ESCALATION_STEPS: ESCALATION_STEPS,
      LADDER_RESURVEY_AFTER: '1s',
      LADDER_HUDDLE_AT: huddleClock.time,
      LADDER_OUTER_LOOP_AT: `${outerLoopClock.day} ${outerLoopClock.time}`,
    });
    await createTopics(environment.config);
    // Yesterday at Tehran Vanak: Jerry earned a 10; a junk 10 names Parisa; a customer waited too long.
    await produceAnswers(environment.config, [
      {
        eventId: 'h-10',
        customerId: 'h-1',
        storeId: 'tehran-01',
        score: 10,
        employeeId: 'e-1',
        comment: 'جری خیلی صبور بود و همه چیز را توضیح داد',
        occurredAt: `${yesterday}T11:00:00+03:30`,
      },
      {
        eventId: 'h-junk',
        customerId: 'h-2',
        storeId: 'tehran-01',
        score: 10,
        employeeId: 'e-2',
        comment: 'asdfasdf qwqwqwqw',
        occurredAt: `${yesterday}T12:00:00+03:30`,
      },
      {
        eventId: 'h-wait',
        customerId: 'h-3',
        storeId: 'tehran-01',
        score: 3,
        comment: 'چهل دقیقه در صف منتظر ماندم',
        occurredAt: `${yesterday}T13:00:00+03:30`,
      },
    ]);
    ladder = await startLadder(environment.config);
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  /** Waits for the case of a customer's detractor answer to be opened. */
  const openedCase = (customerId: string) => eventually(() => caseOf(ladder.url, customerId));

  it('alerts the store manager within seconds, in the store language, with a link that opens the case', async () => {
    const producedAt = Date.now();
    await produceAnswers(environment.config, [
      {
        eventId: 'a-1',
        customerId: 'a-1',
        storeId: 'tehran-01',
        score: 2,
        comment: 'کالا خراب بود و کسی جواب نداد',
      },
      {
        eventId: 'a-2',
        customerId: 'a-2',
        storeId: 'online',
        score: 4,
        comment: 'The parcel came a week late.',
      },
    ]);
    const alertFor = async (customerId: string, manager: string) => {
      const item = await openedCase(customerId);
      const caseLink = `${environment.config.publicUrl}/cases/${item.id}`;
      const email = await eventually(
        async () => {
          const [found] = emailsOf(await emails(), 'case-alert', manager).filter(
            (candidate) => linksIn(candidate, caseLink).length > 0,
          );
          expect(found).toBeDefined();
          return found!;
        },
        { timeoutMs: 10_000, intervalMs: 100 },
      );
      // When the test saw it in the catcher (MailDev's own time field has only the Date header's second).
      return { item, email, seenAt: Date.now() };
    };
    const [
      { item: persianCase, email: persian, seenAt: persianSeenAt },
      { item: englishCase, email: english, seenAt: englishSeenAt },
    ] = await Promise.all([alertFor('a-1', NEDA), alertFor('a-2', SAM)]);
    process.stdout.write(
      `detractor alerts in the SMTP catcher ${persianSeenAt - producedAt} ms (fa) and ${englishSeenAt - producedAt} ms (en) after the events were produced\n`,
    );

    expect(languageOf(persian)).toEqual({ lang: 'fa', dir: 'rtl' });
    expect(persian.subject).toContain('Tehran Vanak');
    expect(persian.subject).toMatch(/[۰-۹]/);
    expect(persian.text).toContain('کالا خراب بود و کسی جواب نداد');
    expect(languageOf(english)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(english.subject).toBe('Unhappy customer at Online shop: scored 4 out of 10');
    expect(english.text).toContain('The parcel came a week late.');

    // Each alert links to its own case, and the link opens the operations UI on that case.
    for (const [email, item] of [
      [persian, persianCase],
      [english, englishCase],
    ] as const) {
      const [link] = linksIn(email, environment.config.publicUrl);
      expect(link).toBe(`${environment.config.publicUrl}/cases/${item.id}`);
      const page = await fetch(link!, { redirect: 'manual' });
      expect(page.status).toBe(302);
      expect(page.headers.get('location')).toBe(`/ui/#/cases/${item.id}`);
      const ui = await fetch(new URL(page.headers.get('location')!, link));
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('<script type="module" src="/ui/app.js">');
    }
  });

  it('escalates an unresolved case to the store manager, then to the regional manager', async () => {
    const item = await openedCase('a-1');
    const caseLink = `${environment.config.publicUrl}/cases/${item.id}`;
    const [toStore, toRegion] = await eventually(
      async () => {
        const escalations = emailsOf(await emails(), 'case-escalation').filter(
          (email) => linksIn(email, caseLink).length > 0,
        );
        expect(escalations).toHaveLength(2);
        return escalations.sort((a, b) => a.time.localeCompare(b.time));
      },
      { timeoutMs: 30_000 },
    );
    expect(toStore!.to[0]!.address).toBe(NEDA);
    expect(toRegion!.to[0]!.address).toBe(REZA);
    // Neither came before the case was due, and the region heard after the store.
    expect(new Date(toStore!.time).getTime()).toBeGreaterThanOrEqual(new Date(item.dueAt).getTime() - 1_000);
    expect(new Date(toRegion!.time).getTime()).toBeGreaterThan(new Date(toStore!.time).getTime());
    for (const email of [toStore!, toRegion!]) {
      expect(languageOf(email)).toEqual({ lang: 'fa', dir: 'rtl' });
      expect((await fetch(linksIn(email, caseLink)[0]!)).status).toBe(200);
    }
    const escalated = await caseOf(ladder.url, 'a-1');
    expect(escalated.escalationLevel).toBe(2);
    expect(
      escalated.history.filter((entry) => entry.action === 'escalated').map((entry) => entry.details),
    ).toEqual([
      expect.objectContaining({ level: 1, to: 'store-manager' }),
      expect.objectContaining({ level: 2, to: 'regional-manager' }),
    ]);
    expect(escalated.overdue).toBe(true);
  });

  it('never escalates a case resolved in time, and asks the customer again to see if they came back', async () => {
    const agent = await issueToken(ladder.url, {
      name: 'Sara (online)',
      role: 'agent',
      storeIds: ['online'],
    });
    await produceAnswers(environment.config, [
      {
        eventId: 'a-4',
        customerId: 'a-4',
        storeId: 'online',
        score: 4,
        comment: 'The parcel came a week late.',
      },
    ]);
    const item = await openedCase('a-4');
    const act = (action: string, body: unknown) =>
      callApi<CaseDto>(ladder.url, `/api/cases/${item.id}/${action}`, { method: 'POST', token: agent, body });
    expect((await act('claim', {})).status).toBe(200);
    expect(
      (await act('contact', { result: 'reached', note: 'Apologised; a courier was late.' })).status,
    ).toBe(200);
    const resolved = await act('resolve', {
      rootCause: 'delivery',
      actionTaken: 'Refunded the shipping and changed the courier for this area.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(new Date(resolved.body.resolvedAt!).getTime()).toBeLessThan(new Date(item.dueAt).getTime());

    // The escalation timer still fires at the due time, finds the case resolved and does nothing.
    const timer = await eventually(
      async () => {
        const job = await ladder.app
          .get(JobQueueService)
          .queue('follow-up')
          .getJob(jobId('escalate-case', `${item.id}/1/${new Date(item.dueAt).getTime()}`));
        expect(job?.finishedOn).toBeDefined();
        return job!;
      },
      { timeoutMs: 30_000 },
    );
    expect(timer.returnvalue).toEqual({ outcome: 'not-active' });
    const caseLink = `${environment.config.publicUrl}/cases/${item.id}`;
    expect(
      emailsOf(await emails(), 'case-escalation').filter((email) => linksIn(email, caseLink).length > 0),
    ).toHaveLength(0);

    // The customer is asked again, in English, with a link to a one-question page.
    const resurvey = await eventually(async () => {
      const [email] = emailsOf(await emails(), 'resurvey', 'a-4@example.com');
      expect(email).toBeDefined();
      return email!;
    });
    expect(languageOf(resurvey)).toEqual({ lang: 'en', dir: 'ltr' });
    const [answerLink] = linksIn(resurvey, `${environment.config.publicUrl}/r/`);
    const page = await fetch(answerLink!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('How likely are you to recommend Online shop');
    const answered = await fetch(answerLink!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ score: '9', comment: 'Thanks for sorting it out.' }),
    });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('Thank you');

    const recovered = await eventually(async () => {
      const current = await caseOf(ladder.url, 'a-4');
      expect(current.recovery.status).toBe('recovered');
      return current;
    });
    expect(recovered.recovery.by).toBe('higher-answer');
    expect(recovered.history.map((entry) => entry.action)).not.toContain('escalated');
    // The dashboard's reports are a manager's: the store's manager reads them.
    const manager = await issueToken(ladder.url, {
      name: 'Sam Manager',
      role: 'manager',
      storeIds: ['online'],
    });
    expect((await callApi(ladder.url, '/api/recovery', { token: agent })).status).toBe(403);
    const recovery = await callApi<RecoveryReportDto>(ladder.url, '/api/recovery?storeId=online', {
      token: manager,
    });
    expect(recovery.status).toBe(200);
    expect(recovery.body.rows).toEqual([
      expect.objectContaining({ storeId: 'online', resolved: 1, recovered: 1, rate: 1 }),
    ]);
    // A period by days, read in the store's time zone, counts the same as all time here; tomorrow nothing.
    const today = localDay(new Date(), ONLINE_TIME_ZONE);
    const byDays = await callApi<RecoveryReportDto>(
      ladder.url,
      `/api/recovery?storeId=online&from=2000-01-01&to=${today}`,
      { token: manager },
    );
    expect(byDays.body.rows).toEqual(recovery.body.rows);
    expect(byDays.body.from).toBe(startOfLocalDay('2000-01-01', ONLINE_TIME_ZONE).toISOString());
    const tomorrow = await callApi<RecoveryReportDto>(
      ladder.url,
      `/api/recovery?storeId=online&from=${addDays(today, 1)}`,
      { token: manager },
    );
    expect(tomorrow.body.total).toMatchObject({ resolved: 0, recovered: 0 });

    // The queue's health: this case was contacted and resolved in time, the other online case is still open.
    const worked = (await callApi<CaseDto>(ladder.url, `/api/cases/${item.id}`)).body;
    const openedAt = new Date(worked.createdAt).getTime();
    const contactedAt = new Date(worked.history.find((entry) => entry.action === 'contact')!.at).getTime();
    expect((await callApi(ladder.url, '/api/queue-health', { token: agent })).status).toBe(403);
    const health = await callApi<QueueHealthDto>(ladder.url, '/api/queue-health?storeId=online', {
      token: manager,
    });
    expect(health.status).toBe(200);
    expect(health.body.rows).toEqual([
      expect.objectContaining({
        storeId: 'online',
        opened: 2,
        open: 1,
        resolved: 1,
        withinSla: 1,
        slaCompliance: 1,
      }),
    ]);
    // The API's instants are whole milliseconds, PostgreSQL's finer: the durations agree to within one.
    const [row] = health.body.rows;
    expect(Math.abs(row!.firstContactP50Ms! - (contactedAt - openedAt))).toBeLessThanOrEqual(1);
    expect(row!.firstContactP90Ms).toBe(row!.firstContactP50Ms);
    expect(
      Math.abs(row!.resolveP50Ms! - (new Date(worked.resolvedAt!).getTime() - openedAt)),
    ).toBeLessThanOrEqual(1);
    const nothingYet = await callApi<QueueHealthDto>(
      ladder.url,
      `/api/queue-health?storeId=online&from=${addDays(today, 1)}`,
      { token: manager },
    );
    expect(nothingYet.body.rows[0]).toMatchObject({
      opened: 0,
      resolved: 0,
      firstContactP50Ms: null,
      open: 1,
    });

    // What must change: the one root cause, its share and its week.
    const causes = await callApi<RootCauseReportDto>(ladder.url, '/api/root-causes?storeId=online', {
      token: manager,
    });
    expect(causes.status).toBe(200);
    expect(causes.body).toMatchObject({
      resolved: 1,
      rows: [{ rootCause: 'delivery', cases: 1, share: 1, cumulativeShare: 1, weeks: [{ cases: 1 }] }],
    });
    expect(causes.body.rows[0]!.weeks[0]!.week).toMatch(/^\d{4}-W\d{2}$/);
  });

  it('reschedules open cases when a store SLA changes, and escalates on the new time', async () => {
    await produceAnswers(environment.config, [
      { eventId: 'a-3', customerId: 'a-3', storeId: 'tehran-02', score: 5, comment: 'فروشنده بی‌حوصله بود' },
    ]);
    const before = await openedCase('a-3');
    const sla = (item: CaseDto) => new Date(item.dueAt).getTime() - new Date(item.createdAt).getTime();
    expect(sla(before)).toBeGreaterThan(48 * 3_600_000 - 1_000);
    expect(sla(before)).toBeLessThan(48 * 3_600_000 + 1_000);

    const directory = parseDirectory(readFileSync(DIRECTORY_FILE, 'utf8'), DIRECTORY_FILE);
    await ladder.app.get(DirectoryService).importDirectory({
      ...directory,
      stores: directory.stores.map((store) =>
        store.id === 'tehran-02' ? { ...store, followUpSla: '3s' } : store,
      ),
    });
    const after = await eventually(async () => {
      const current = await caseOf(ladder.url, 'a-3');
      expect(Math.abs(sla(current) - 3_000)).toBeLessThan(1_000);
      return current;
    });
    expect(after.history.map((entry) => entry.action)).toContain('due-time-changed');
    const caseLink = `${environment.config.publicUrl}/cases/${after.id}`;
    const escalation = await eventually(
      async () => {
        const [email] = emailsOf(await emails(), 'case-escalation', ALI).filter(
          (candidate) => linksIn(candidate, caseLink).length > 0,
        );
        expect(email).toBeDefined();
        return email!;
      },
      { timeoutMs: 30_000 },
    );
    expect(languageOf(escalation)).toEqual({ lang: 'fa', dir: 'rtl' });
  });

  it('sends the daily huddle at the configured local time, celebrating the employee who earned a 10', async () => {
    const huddle = await eventually(
      async () => {
        const [email] = emailsOf(await emails(), 'huddle-digest', NEDA);
        expect(email).toBeDefined();
        return email!;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    // Sent at 08:00-style local time, here the second it was set to, and not before.
    expect(new Date(huddle.time).getTime()).toBeGreaterThanOrEqual(huddleAt.getTime() - 1_000);
    expect(languageOf(huddle)).toEqual({ lang: 'fa', dir: 'rtl' });
    expect(huddle.subject).toContain('Tehran Vanak');
    // Jerry's 10 and the customer's words; the junk 10 and whoever it named are left out.
    expect(huddle.text).toContain('Jerry Jones');
    expect(huddle.text).toContain('جری خیلی صبور بود و همه چیز را توضیح داد');
    expect(huddle.text).not.toContain('asdfasdf');
    expect(huddle.text).not.toContain('Parisa Rahimi');
    // Yesterday's detractor theme, and the open and overdue cases with links into the UI.
    expect(huddle.text).toContain('زمان انتظار');
    const overdue = await caseOf(ladder.url, 'a-1');
    expect(linksIn(huddle, `${environment.config.publicUrl}/cases/`)).toContain(
      `${environment.config.publicUrl}/cases/${overdue.id}`,
    );
    // The other stores got theirs too, each to its own manager; none twice.
    const digests = emailsOf(await emails(), 'huddle-digest');
    expect(digests.map((email) => email.to[0]!.address).sort()).toEqual([ALI, NEDA, SAM].sort());
  });

  it('sends the weekly outer-loop report of root causes to the regional manager', async () => {
    const report = await eventually(
      async () => {
        const [email] = emailsOf(await emails(), 'outer-loop-report', REZA);
        expect(email).toBeDefined();
        return email!;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(new Date(report.time).getTime()).toBeGreaterThanOrEqual(outerLoopAt.getTime() - 1_000);
    const { lang, dir } = languageOf(report);
    expect(dir).toBe(lang === 'fa' ? 'rtl' : 'ltr');
    // The online case was resolved with "delivery" as its root cause.
    expect(report.text).toMatch(lang === 'fa' ? /ارسال/ : /Delivery/);
  });
});
