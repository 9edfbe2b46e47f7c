import {
  CUSTOMER_LISTS,
  customerListCsvCells,
  type CustomerList,
  type CustomerListItemDto,
  type CustomerListPageDto,
  type PeopleReportDto,
  type ThemesReportDto,
} from '#contracts';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  parseCsv,
  TEST_ADMIN_TOKEN,
  type TestEnvironment,
} from '#testing';
import pg from 'pg';
import { produceDashboardTraffic } from './support/dashboard-traffic.js';
import { issueToken, wallClock } from './support/feedback.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

const DAY = 86_400_000;
const ZONE = 'Asia/Tehran';

/**
 * The manager dashboard's people, comment themes and customer lists, on real services: answers and purchases
 * go into Kafka, the reports are read through the API and held to the database. Flagged answers are left out;
 * an employee under the minimum sample is never ranked; every list pages and exports whole as CSV; an agent
 * is refused and a store-scoped manager sees only their store.
 */
describe('the dashboard reports', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let database: pg.Client;
  const tokens = { agent: '', managerVanak: '', managerFars: '' };
  const now = Date.now();
  const ago = (days: number, minutes = 0) => new Date(now - days * DAY - minutes * 60_000).toISOString();
  const today = wallClock(new Date(now), ZONE).date;
  const fortnightAgo = wallClock(new Date(now - 14 * DAY), ZONE).date;
  const period = `from=${fortnightAgo}&to=${today}`;

  beforeAll(async () => {
    environment = await createTestEnvironment('dashboard', {
      LADDER_DIRECTORY: new URL('./fixtures/directory.yaml', import.meta.url).pathname,
      LADDER_NPS_MIN_SAMPLE: '3',
      // A Client who has not bought for 30 days falls back to Customer: the lapsed clients below.
      LADDER_CLIENT_LAPSE_WINDOW: '30d',
    });
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
    database = new pg.Client({ connectionString: environment.config.databaseUrl });
    await database.connect();

    await produceDashboardTraffic(environment.config, ladder.url, now);

    tokens.agent = await issueToken(ladder.url, { name: 'Agent', role: 'agent', storeIds: ['tehran-01'] });
    tokens.managerVanak = await issueToken(ladder.url, {
      name: 'Manager Vanak',
      role: 'manager',
      storeIds: ['tehran-01'],
    });
    tokens.managerFars = await issueToken(ladder.url, {
      name: 'Manager Fars',
      role: 'manager',
      regionIds: ['fars'],
    });
  }, 300_000);

  afterAll(async () => {
    await database?.end();
    await ladder?.stop();
    await environment?.cleanup();
  });

  const get = <Body>(path: string, token?: string) =>
    callApi<Body>(ladder.url, path, token === undefined ? {} : { token });

  describe('people', () => {
    it('ranks from the minimum sample up, sets the others apart and leaves junk out', async () => {
      const { status, body } = await get<PeopleReportDto>(`/api/people?${period}`);
      expect(status).toBe(200);
      expect(body.minimumSample).toBe(3);
      expect(body.ranked.map((row) => row.employeeId)).toEqual(['e-2', 'e-1']);
      expect(body.notEnoughAnswers.map((row) => row.employeeId)).toEqual(['e-3', 'e-4', 'e-99']);
      const jerry = body.ranked[1]!;
      // The junk 10 (s-j5) is neither counted nor quoted.
      expect(jerry).toMatchObject({
        name: 'Jerry Jones',
        storeId: 'tehran-01',
        responses: 4,
        promoters: 3,
        passives: 0,
        detractors: 1,
        tens: 2,
        nps: 50,
      });
      expect(jerry.marginOfError95).toBeGreaterThan(0);
      expect(jerry.comments.map((comment) => comment.surveyEventId)).toEqual(['s-j4', 's-j3', 's-j1']);
      expect(jerry.comments[0]).toMatchObject({
        score: 4,
        comment: 'Waited 40 minutes in the queue.',
        language: 'en',
      });
      expect(body.ranked[0]).toMatchObject({ name: 'Parisa Rahimi', responses: 3, nps: 66.7, tens: 0 });
      // Shown apart with their NPS, never ranked; an employee the directory does not know has no name.
      expect(body.notEnoughAnswers[0]).toMatchObject({ employeeId: 'e-3', responses: 2, nps: 100, tens: 2 });
      expect(body.notEnoughAnswers[2]).toMatchObject({ employeeId: 'e-99', name: null, storeId: null });

      // The counts are the database's good-quality answers per employee.
      const { rows } = await database.query<{ employee_id: string; responses: number; tens: number }>(
        `SELECT employee_id, count(*)::int AS responses, count(*) FILTER (WHERE score = 10)::int AS tens
           FROM survey_answers WHERE quality = 'ok' AND employee_id IS NOT NULL GROUP BY 1 ORDER BY 1`,
      );
      const all = [...body.ranked, ...body.notEnoughAnswers].sort((a, b) =>
        a.employeeId < b.employeeId ? -1 : 1,
      );
      expect(
        all.map((row) => ({ employee_id: row.employeeId, responses: row.responses, tens: row.tens })),
      ).toEqual(rows);
      const flagged = await database.query(
        `SELECT event_id FROM survey_answers WHERE quality = 'flagged' ORDER BY 1`,
      );
      expect(flagged.rows.map((row: { event_id: string }) => row.event_id)).toEqual(['s-j5', 's-x1']);
    });

    it('reads a period of days in the store time zone', async () => {
      // Parisa's answers, 10 to 30 minutes before this time a week and a day ago: the Vanak days they fell
      // on (two, when Tehran's midnight came between them).
      const from = wallClock(new Date(now - 8 * DAY - 30 * 60_000), ZONE).date;
      const to = wallClock(new Date(now - 8 * DAY - 10 * 60_000), ZONE).date;
      const { body } = await get<PeopleReportDto>(`/api/people?storeId=tehran-01&from=${from}&to=${to}`);
      expect([...body.ranked, ...body.notEnoughAnswers].map((row) => row.employeeId)).toEqual(['e-2']);
    });

    it("shows a store's manager only their store", async () => {
      const vanak = await get<PeopleReportDto>(`/api/people?${period}`, tokens.managerVanak);
      expect(vanak.body.ranked.map((row) => row.employeeId)).toEqual(['e-2', 'e-1']);
      expect(vanak.body.notEnoughAnswers.map((row) => row.employeeId)).toEqual(['e-99']);
      const fars = await get<PeopleReportDto>(`/api/people?${period}`, tokens.managerFars);
      expect([...fars.body.ranked, ...fars.body.notEnoughAnswers].map((row) => row.employeeId)).toEqual([
        'e-4',
      ]);
      const elsewhere = await get<{ error: { code: string } }>(
        `/api/people?storeId=shiraz-01`,
        tokens.managerVanak,
      );
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.error.code).toBe('not-found');
    });
  });

  describe('comment themes', () => {
    it('counts themes per week in the store time zone, junk left out, as the database has them', async () => {
      const { status, body } = await get<ThemesReportDto>(`/api/themes?${period}&storeId=tehran-01`);
      expect(status).toBe(200);
      expect(body.interval).toBe('week');
      const { rows } = await database.query<{ local_day: string; themes: string[]; classification: string }>(
        `SELECT to_char(local_day, 'YYYY-MM-DD') AS local_day, themes, classification FROM survey_answers
          WHERE store_id = 'tehran-01' AND quality = 'ok' AND cardinality(themes) > 0`,
      );
      const expected = new Map<string, Map<string, { answers: number; detractors: number }>>();
      for (const row of rows) {
        const day = new Date(`${row.local_day}T00:00:00Z`);
        day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
        const week = day.toISOString().slice(0, 10);
        const themes = expected.get(week) ?? new Map();
        for (const theme of row.themes) {
          const count = themes.get(theme) ?? { answers: 0, detractors: 0 };
          themes.set(theme, {
            answers: count.answers + 1,
            detractors: count.detractors + (row.classification === 'detractor' ? 1 : 0),
          });
        }
        expected.set(week, themes);
      }
      // This week's answers and last week's (a week starts on Monday, in Tehran).
      expect(body.buckets.length).toBeGreaterThanOrEqual(2);
      expect(
        Object.fromEntries(
          body.buckets.map((bucket) => [
            bucket.start,
            Object.fromEntries(
              bucket.themes.map(({ theme, answers, detractors }) => [theme, { answers, detractors }]),
            ),
          ]),
        ),
      ).toEqual(
        Object.fromEntries([...expected].map(([week, themes]) => [week, Object.fromEntries(themes)])),
      );
      // The flagged praise of staff (s-x1) is not counted: staff is Jerry's and Parisa's answers only.
      expect(body.totals.find((total) => total.theme === 'staff')).toMatchObject({
        answers: 2,
        detractors: 0,
      });
      expect(body.totals.find((total) => total.theme === 'wait-time')).toMatchObject({
        answers: 1,
        detractors: 1,
      });
      const answers = body.totals.map((total) => total.answers);
      expect(answers).toEqual([...answers].sort((a, b) => b - a));
      expect(body.totals.every((total) => total.share > 0 && total.share <= 1)).toBe(true);
    });

    it('buckets by day and month too, and refuses an interval it does not know', async () => {
      const days = await get<ThemesReportDto>(`/api/themes?${period}&interval=day`);
      expect(days.body.buckets.every((bucket) => /^\d{4}-\d{2}-\d{2}$/.test(bucket.start))).toBe(true);
      const months = await get<ThemesReportDto>(`/api/themes?${period}&interval=month`);
      expect(months.body.buckets.every((bucket) => bucket.start.endsWith('-01'))).toBe(true);
      const total = (report: ThemesReportDto) => report.totals.reduce((sum, row) => sum + row.answers, 0);
      expect(total(days.body)).toBe(total(months.body));
      expect((await get(`/api/themes?interval=year`)).status).toBe(400);
      expect((await get(`/api/themes?from=2026-11-10&to=2026-11-01`)).status).toBe(400);
    });

    it("shows a store's manager only their store", async () => {
      const fars = await get<ThemesReportDto>(`/api/themes?${period}`, tokens.managerFars);
      expect(fars.body.totals.map((total) => total.theme).sort()).toEqual(['delivery', 'wait-time']);
    });
  });

  describe('customer lists', () => {
    /** Every item of a list, a page of `limit` at a time. */
    async function wholeList(list: string, query = '', token?: string): Promise<CustomerListItemDto[]> {
      const items: CustomerListItemDto[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: CustomerListPageDto } = await get<CustomerListPageDto>(
          `/api/customer-lists/${list}?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`,
          token,
        );
        expect(page.status).toBe(200);
        expect(page.body.list).toBe(list);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        items.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return items;
    }

    /** The list as the database holds it, most valuable first. */
    async function listed(condition: string): Promise<string[]> {
      const { rows } = await database.query<{ customer_id: string }>(
        `SELECT customer_id FROM customer_state s WHERE stage IS NOT NULL AND ${condition}
          ORDER BY coalesce(monetary_score, 0) DESC, coalesce(rfm_monetary_minor, 0) DESC, customer_id DESC`,
      );
      return rows.map((row) => row.customer_id);
    }

    const EXPECTED: Record<CustomerList, { condition: string; includes: string[]; excludes: string[] }> = {
      'at-risk': {
        condition: `churn_level IN ('watch', 'high')`,
        includes: ['c-risk-a', 'c-risk-b', 'c-risk-s'],
        excludes: ['c-champ'],
      },
      champions: { condition: `segment = 'champions'`, includes: ['c-champ'], excludes: ['c-fill-1'] },
      'promoters-not-in-club': {
        condition: `last_score >= 9 AND customer_id NOT IN (SELECT customer_id FROM loyalty_members)`,
        includes: ['c-champ', 'c-prom-s', 'c-s-j1'],
        excludes: ['c-member', 'c-risk-b'],
      },
      'lapsed-clients': {
        condition: `stage = 'customer' AND customer_id IN (SELECT customer_id FROM customer_events
          WHERE type = 'stage-changed' AND from_stage = 'client' AND details->>'reason' = 'no-purchase-within-window')`,
        includes: ['c-lapsed-a', 'c-lapsed-s'],
        excludes: ['c-back'],
      },
    };

    it.each(CUSTOMER_LISTS)('pages through %s as the database holds it', async (list) => {
      const items = await wholeList(list);
      const { condition, includes, excludes } = EXPECTED[list];
      expect(items.map((item) => item.customerId)).toEqual(await listed(condition));
      expect(items.map((item) => item.customerId)).toEqual(expect.arrayContaining(includes));
      for (const id of excludes) expect(items.map((item) => item.customerId)).not.toContain(id);
      for (const item of items) {
        const { rows } = await database.query(
          `SELECT s.stage, s.segment, s.churn_level, s.value_minor, s.last_score, s.home_store_id, c.name
             FROM customer_state s LEFT JOIN customers c ON c.id = s.customer_id WHERE s.customer_id = $1`,
          [item.customerId],
        );
        expect(item).toMatchObject({
          stage: rows[0].stage,
          segment: rows[0].segment,
          churnLevel: rows[0].churn_level,
          valueMinor: rows[0].value_minor,
          lastScore: rows[0].last_score,
          storeId: rows[0].home_store_id,
          name: rows[0].name,
        });
      }
    });

    it('lists the champion with their value and last purchase', async () => {
      const [champion] = await wholeList('champions');
      expect(champion).toMatchObject({
        customerId: 'c-champ',
        name: 'Sara',
        storeId: 'tehran-01',
        segment: 'champions',
        valueMinor: { EUR: 450_000 },
        lastPurchaseAt: new Date(ago(2)).toISOString(),
        lastScore: 10,
      });
    });

    it('filters by RFM segment', async () => {
      const champions = await wholeList('promoters-not-in-club', '&segment=champions');
      expect(champions.map((item) => item.customerId)).toEqual(['c-champ']);
    });

    it.each(CUSTOMER_LISTS)('exports every row of %s as CSV, escaped and safe to open', async (list) => {
      const items = await wholeList(list);
      const response = await fetch(`${ladder.url}/api/customer-lists/${list}?format=csv&limit=1`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      // Named by the day of the list, in Ladder's default zone: no store was asked for.
      const listDay = wallClock(new Date(), environment.config.defaultTimeZone).date;
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${list}-${listDay}.csv"`,
      );
      expect(response.headers.get('x-ladder-rows')).toBe(String(items.length));
      expect(response.headers.get('x-ladder-row-cap-reached')).toBe('false');
      const [header, ...rows] = parseCsv(await response.text());
      expect(header).toEqual([
        'customerId',
        'name',
        'storeId',
        'stage',
        'segment',
        'churnLevel',
        'valueMinor',
        'lastPurchaseAt',
        'lastScore',
      ]);
      const guarded = (cell: string | number | null) =>
        cell === null
          ? ''
          : typeof cell === 'number'
            ? String(cell)
            : /^[=+\-@]/.test(cell)
              ? `'${cell}`
              : cell;
      expect(rows).toEqual(items.map((item) => customerListCsvCells(item).map(guarded)));
    });

    it('writes names as they are, a formula made harmless', async () => {
      const response = await fetch(`${ladder.url}/api/customer-lists/at-risk?format=csv`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      const rows = parseCsv(await response.text());
      const name = (id: string) => rows.find((row) => row[0] === id)?.[1];
      expect(name('c-risk-a')).toBe(`'=HYPERLINK("http://x","y")`);
      expect(name('c-risk-b')).toBe('Karimi, "Neda"\nVanak');
    });

    it("shows a store's manager only the customers their store knows", async () => {
      const ids = async (list: string, token: string) =>
        (await wholeList(list, '', token)).map((item) => item.customerId);
      expect(await ids('at-risk', tokens.managerVanak)).toEqual(
        expect.arrayContaining(['c-risk-a', 'c-risk-b']),
      );
      expect(await ids('at-risk', tokens.managerVanak)).not.toContain('c-risk-s');
      expect(await ids('at-risk', tokens.managerFars)).toEqual(['c-risk-s']);
      expect(await ids('lapsed-clients', tokens.managerFars)).toEqual(['c-lapsed-s']);
      expect(await ids('promoters-not-in-club', tokens.managerFars)).toEqual(['c-prom-s']);
      const csv = await fetch(`${ladder.url}/api/customer-lists/at-risk?format=csv`, {
        headers: { authorization: `Bearer ${tokens.managerFars}` },
      });
      expect(
        parseCsv(await csv.text())
          .slice(1)
          .map((row) => row[0]),
      ).toEqual(['c-risk-s']);
      expect((await get('/api/customer-lists/at-risk?storeId=shiraz-01', tokens.managerVanak)).status).toBe(
        404,
      );
    });

    it('answers an unknown list 404 and a bad query 400, with a code', async () => {
      const unknown = await get<{ error: { code: string } }>('/api/customer-lists/everyone');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('unknown-list');
      for (const query of ['limit=201', 'limit=0', 'segment=vip', 'format=xml', 'cursor=forged']) {
        const bad = await get<{ error: { code: string } }>(`/api/customer-lists/at-risk?${query}`);
        expect([query, bad.status, bad.body.error.code]).toEqual([query, 400, 'invalid-request']);
      }
    });
  });

  it('refuses an agent every dashboard report', async () => {
    for (const path of [
      '/api/people',
      '/api/themes',
      '/api/customer-lists/at-risk',
      '/api/customer-lists/at-risk?format=csv',
    ]) {
      const response = await get<{ error: { code: string } }>(path, tokens.agent);
      expect([path, response.status]).toEqual([path, 403]);
      expect(response.body.error.code).toBeTruthy();
    }
  });
});
