import type { LadderConfig } from '#config';
import type { RecomputeJobDto } from '#contracts';
import { callApi, eventually, produce, waitUntilSettled } from '#testing';
import { produceAnswers, type SurveyAnswer } from './feedback.js';
import { followJoinLink, invitePromoter } from './promoters.js';

// The traffic test/dashboard-reports.e2e-spec.ts reads the dashboard's reports from, around `now`.

const DAY = 86_400_000;

const answer = (
  eventId: string,
  employeeId: string | undefined,
  score: number,
  comment: string | undefined,
  at: string,
  storeId = 'tehran-01',
): SurveyAnswer => ({
  eventId,
  customerId: `c-${eventId}`,
  storeId,
  score,
  ...(comment ? { comment } : {}),
  ...(employeeId ? { employeeId } : {}),
  occurredAt: at,
});

async function purchase(
  config: LadderConfig,
  eventId: string,
  customer: { id: string; name?: string },
  storeId: string,
  at: string,
  amountMinor: number,
): Promise<void> {
  await produce(config, 'purchases', [
    {
      key: customer.id,
      value: JSON.stringify({
        eventId,
        occurredAt: at,
        customer,
        storeId,
        orderId: `o-${eventId}`,
        total: { amountMinor, currency: 'EUR' },
      }),
    },
  ]);
}

/**
 * Answers naming employees (one junk, one whose words contradict its score), purchases and answers that put
 * customers on every customer list (a champion, three at risk, promoters in and out of the club, lapsed
 * clients and one who came back), at Vanak, Tajrish and Shiraz; then the RFM segments are recomputed.
 */
export async function produceDashboardTraffic(
  config: LadderConfig,
  baseUrl: string,
  now: number,
): Promise<void> {
  const ago = (days: number, minutes = 0) => new Date(now - days * DAY - minutes * 60_000).toISOString();
  await produceAnswers(config, [
    // Jerry (e-1): four good answers and one junk 10, which counts nowhere here.
    answer('s-j1', 'e-1', 10, 'Jerry was very helpful, great staff.', ago(0, 50)),
    answer('s-j2', 'e-1', 10, undefined, ago(0, 40)),
    answer('s-j3', 'e-1', 9, 'Quick checkout and fair price.', ago(0, 30)),
    answer('s-j4', 'e-1', 4, 'Waited 40 minutes in the queue.', ago(0, 20)),
    answer('s-j5', 'e-1', 10, 'asdfghjkl qwertyuiop zxcvbnm', ago(0, 10)),
    // Parisa (e-2), a week earlier.
    answer('s-p1', 'e-2', 9, 'The staff were friendly.', ago(8, 30)),
    answer('s-p2', 'e-2', 9, undefined, ago(8, 20)),
    answer('s-p3', 'e-2', 7, 'Too expensive for what it is.', ago(8, 10)),
    // Omid (e-3) at Tajrish: a perfect score from two answers, under the sample of 3.
    answer('s-o1', 'e-3', 10, 'صف خیلی طولانی بود ولی فروشنده عالی بود', ago(1), 'tehran-02'),
    answer('s-o2', 'e-3', 10, undefined, ago(1, 5), 'tehran-02'),
    // Shirin (e-4) at Shiraz, and someone the directory does not know, at Vanak.
    answer('s-s1', 'e-4', 3, 'Waited an hour for delivery.', ago(2), 'shiraz-01'),
    answer('s-u1', 'e-99', 8, undefined, ago(2)),
    // A low score whose words praise: triage flags the mismatch, and its theme is not counted.
    answer('s-x1', undefined, 0, 'Excellent, very helpful and friendly staff, perfect!', ago(0, 5)),
  ]);

  // Customers for the lists. Sara buys often, much and lately: the champion of the RFM quintiles.
  for (const [index, days] of [10, 8, 6, 4, 2].entries())
    await purchase(
      config,
      `p-champ-${index}`,
      { id: 'c-champ', name: 'Sara' },
      'tehran-01',
      ago(days),
      90_000,
    );
  for (const index of [1, 2, 3, 4, 5, 6])
    await purchase(
      config,
      `p-fill-${index}`,
      { id: `c-fill-${index}` },
      index % 2 ? 'tehran-01' : 'shiraz-01',
      ago(20 + index),
      1_000 * index,
    );
  // At risk: two detractor answers in a row, or a fall from 9 to 3; the names test the CSV's escaping.
  await purchase(
    config,
    'p-risk-a',
    { id: 'c-risk-a', name: '=HYPERLINK("http://x","y")' },
    'tehran-01',
    ago(3),
    20_000,
  );
  await purchase(
    config,
    'p-risk-b',
    { id: 'c-risk-b', name: 'Karimi, "Neda"\nVanak' },
    'tehran-01',
    ago(3),
    5_000,
  );
  await purchase(config, 'p-risk-s', { id: 'c-risk-s', name: 'Hosseini' }, 'shiraz-01', ago(3), 7_000);
  // Lapsed: two purchases 60 and 50 days ago made a Client, who fell 30 days later; c-back came back.
  for (const [id, storeId] of [
    ['c-lapsed-a', 'tehran-01'],
    ['c-lapsed-s', 'shiraz-01'],
    ['c-back', 'tehran-01'],
  ] as const) {
    await purchase(config, `p-${id}-1`, { id }, storeId, ago(60), 3_000);
    await purchase(config, `p-${id}-2`, { id }, storeId, ago(50), 3_000);
  }
  await purchase(config, 'p-c-back-3', { id: 'c-back' }, 'tehran-01', ago(5), 3_000);
  await waitUntilSettled(config);
  await produceAnswers(config, [
    {
      eventId: 's-risk-a1',
      customerId: 'c-risk-a',
      storeId: 'tehran-01',
      score: 2,
      occurredAt: ago(2, 30),
    },
    {
      eventId: 's-risk-b1',
      customerId: 'c-risk-b',
      storeId: 'tehran-01',
      score: 9,
      occurredAt: ago(2, 30),
    },
    {
      eventId: 's-risk-s1',
      customerId: 'c-risk-s',
      storeId: 'shiraz-01',
      score: 1,
      occurredAt: ago(2, 30),
    },
  ]);
  await waitUntilSettled(config);
  await produceAnswers(config, [
    { eventId: 's-risk-a2', customerId: 'c-risk-a', storeId: 'tehran-01', score: 3, occurredAt: ago(2) },
    { eventId: 's-risk-b2', customerId: 'c-risk-b', storeId: 'tehran-01', score: 3, occurredAt: ago(2) },
    { eventId: 's-risk-s2', customerId: 'c-risk-s', storeId: 'shiraz-01', score: 2, occurredAt: ago(2) },
    // A promoter of Vanak who bought; a promoter of Shiraz who never did.
    { eventId: 's-prom-a', customerId: 'c-champ', storeId: 'tehran-01', score: 10, occurredAt: ago(1) },
    { eventId: 's-prom-s', customerId: 'c-prom-s', storeId: 'shiraz-01', score: 9, occurredAt: ago(1) },
  ]);
  // A promoter who joined the club is in no "not in the club" list.
  const invitation = await invitePromoter(
    config,
    { id: 'c-member', email: 'c-member@example.com' },
    { eventId: 's-member', storeId: 'shiraz-01' },
  );
  expect((await followJoinLink(config, invitation)).status).toBe(200);
  await waitUntilSettled(config);

  // The segments come from the RFM quintiles: computed now, as a manager may ask.
  const recompute = await callApi<RecomputeJobDto>(baseUrl, '/api/segments/recompute', {
    method: 'POST',
  });
  await eventually(async () => {
    const job = await callApi<RecomputeJobDto>(baseUrl, `/api/segments/recompute/${recompute.body.jobId}`);
    expect(job.body.state).toBe('completed');
  });
}
