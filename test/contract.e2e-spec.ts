import type { CasePageDto, CustomerDto, DeadLetterEvent, FeedbackEvent, NpsReportDto } from '#contracts';
import { MailCatcher, type CaughtEmail } from '#local-stack';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  readTopic,
  waitUntilSettled,
  type TestEnvironment,
  rewindInputTopics,
} from '#testing';
import { readFileSync } from 'node:fs';
import { ScoringConsumer } from '../apps/worker/src/scoring/scoring.consumer.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

interface ContractCase {
  topic: 'surveys' | 'purchases' | 'leads';
  value?: { customer?: { id?: string } } & Record<string, unknown>;
  raw?: string;
  expect: string;
}

const fixtures = new URL('./fixtures/', import.meta.url);
const cases = readFileSync(new URL('contract-cases.jsonl', fixtures), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as ContractCase);
const rejectedCases = cases.filter((contractCase) => contractCase.expect === 'rejected');

/** Every contract case, produced as an integrator would: keyed by customer id, in file order. */
async function produceAllCases(environment: TestEnvironment): Promise<void> {
  for (const contractCase of cases) {
    await produce(environment.config, contractCase.topic, [
      {
        key: contractCase.value?.customer?.id ?? null,
        value: contractCase.raw ?? JSON.stringify(contractCase.value),
      },
    ]);
  }
}

describe('the contract cases, end to end on Kafka, PostgreSQL, Redis and SMTP', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  const catcher = new MailCatcher();
  const emails = () => catcher.fromInstance(environment.config.queuePrefix);
  const alertsTo = (all: CaughtEmail[], address: string) =>
    all.filter(
      (email) => email.headers['x-ladder-notification'] === 'case-alert' && email.to[0]?.address === address,
    );

  beforeAll(async () => {
    environment = await createTestEnvironment('contract', {
      LADDER_DIRECTORY: new URL('directory.yaml', fixtures).pathname,
    });
    // Everything is produced before Ladder's first start: a new consumer group must begin at the earliest offset.
    await createTopics(environment.config);
    await produceAllCases(environment);
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  it('sends every rejected message to the dead-letter topic with its reason and original bytes', async () => {
    const deadLetters = (await readTopic(environment.config, 'dlq', rejectedCases.length)).map(
      (message) => JSON.parse(message.value!.toString('utf8')) as DeadLetterEvent,
    );
    expect(deadLetters).toHaveLength(rejectedCases.length);
    const originals = deadLetters.map((deadLetter) =>
      Buffer.from(deadLetter.valueBase64!, 'base64').toString('utf8'),
    );
    for (const contractCase of rejectedCases) {
      expect(originals).toContain(contractCase.raw ?? JSON.stringify(contractCase.value));
    }
    for (const deadLetter of deadLetters) {
      expect(deadLetter.reason.code).toMatch(/^(invalid-event|malformed-json)$/);
      expect(deadLetter.reason.message.length).toBeGreaterThan(10);
      expect(deadLetter.source.topic).toMatch(
        new RegExp(`^${environment.name}\\.(surveys|purchases|leads)\\.v1$`),
      );
      expect(deadLetter.consumerGroup).toBe(environment.config.kafka.consumerGroup);
    }
    const scoreTooHigh = deadLetters.find((deadLetter) =>
      originals[deadLetters.indexOf(deadLetter)]!.includes('"s-101"'),
    );
    expect(scoreTooHigh?.reason.fields).toEqual([expect.objectContaining({ path: 'score' })]);
  });

  it('classifies every accepted answer and counts it once', async () => {
    const answers = cases.filter((contractCase) => contractCase.expect.startsWith('accepted:'));
    const expected = (kind: string) =>
      answers.filter((contractCase) => contractCase.expect === `accepted:${kind}`).length;
    const { status, body } = await callApi<NpsReportDto>(ladder.url, '/api/nps?groupBy=store');
    expect(status).toBe(200);
    expect(body.total).toMatchObject({
      responses: answers.length,
      promoters: expected('promoter'),
      passives: expected('passive'),
      detractors: expected('detractor'),
    });
    expect(body.rows.map((row) => row.key)).toEqual(['tehran-01', 'unknown-store']);
    const feedback = (await readTopic(environment.config, 'feedback', answers.length)).map(
      (message) => JSON.parse(message.value!.toString('utf8')) as FeedbackEvent,
    );
    for (const contractCase of answers) {
      const event = feedback.find((item) => item.eventId === contractCase.value!.eventId);
      expect(event?.classification).toBe(contractCase.expect.split(':')[1]);
    }
  });

  it('reports NPS with its 95 % margin of error', async () => {
    const { body } = await callApi<NpsReportDto>(ladder.url, '/api/nps?groupBy=store&storeId=tehran-01');
    const row = body.rows[0]!;
    const share = (count: number) => count / row.responses;
    const variance =
      share(row.promoters) + share(row.detractors) - (share(row.promoters) - share(row.detractors)) ** 2;
    expect(row.nps).toBeCloseTo(100 * share(row.promoters) - 100 * share(row.detractors), 1);
    expect(row.marginOfError95).toBeCloseTo(196 * Math.sqrt(variance / row.responses), 0);
    expect(row.lowSample).toBe(true);
  });

  it('opens one case per detractor customer and store; a later detractor answer joins it', async () => {
    const { body } = await callApi<CasePageDto>(ladder.url, '/api/cases?limit=100');
    const byCustomer = new Map(body.items.map((item) => [`${item.customerId}@${item.storeId}`, item]));
    expect([...byCustomer.keys()].sort()).toEqual(
      ['c-1@tehran-01', 'c-10@unknown-store', 'c-11@tehran-01', 'c-8@tehran-01'].sort(),
    );
    expect(body.items).toHaveLength(4);
    const repeat = byCustomer.get('c-1@tehran-01')!;
    expect(repeat.answers.map((answer) => answer.surveyEventId).sort()).toEqual(['s-001', 's-002']);
    expect(repeat.history.map((entry) => entry.action)).toEqual(['opened', 'answer-joined']);
    expect(repeat.status).toBe('open');
    expect(byCustomer.get('c-10@unknown-store')).toMatchObject({ knownStore: false, regionId: null });
    // The Tehran Vanak SLA is 24h (directory); the unknown store gets the default 48h.
    const sla = (item: (typeof body.items)[number]) => Date.parse(item.dueAt) - Date.parse(item.createdAt);
    expect(sla(byCustomer.get('c-8@tehran-01')!)).toBeCloseTo(24 * 3_600_000, -4);
    expect(sla(byCustomer.get('c-10@unknown-store')!)).toBeCloseTo(48 * 3_600_000, -4);
  });

  it("alerts the store's manager once per case, and the fallback owner for an unknown store", async () => {
    const { body } = await callApi<CasePageDto>(ladder.url, '/api/cases?limit=100');
    const all = await eventually(async () => {
      const caught = await emails();
      expect(caught.filter((email) => email.headers['x-ladder-notification'] === 'case-alert')).toHaveLength(
        4,
      );
      return caught;
    });
    const managerAlerts = alertsTo(all, 'neda.karimi@example.com');
    expect(managerAlerts).toHaveLength(3);
    expect(alertsTo(all, environment.config.fallbackOwnerEmail)).toHaveLength(1);
    for (const item of body.items) {
      const alert = all.find((email) => email.text.includes(`/cases/${item.id}`));
      expect(alert).toBeDefined();
      // Tehran Vanak's locale is fa-IR; the fallback owner of an unknown store is written to in English.
      expect(alert!.html).toContain(item.storeId === 'tehran-01' ? 'dir="rtl"' : 'dir="ltr"');
      const page = await fetch(`${ladder.url}/cases/${item.id}`);
      expect(page.status).toBe(200);
    }
    // The alert names the customer and the score of the answer that opened the case, in Persian digits.
    // c-1's two answers carry the same time: either may open the case, and the other joins it.
    const firstCase = body.items.find((item) => item.customerId === 'c-1')!;
    const firstAlert = all.find((email) => email.text.includes(`/cases/${firstCase.id}`))!;
    expect(firstAlert.text).toContain('c-1');
    expect(firstAlert.text).toMatch(/[۰۶] از ۱۰/);
    const arabicDigitsCase = body.items.find((item) => item.customerId === 'c-8')!;
    expect(all.find((email) => email.text.includes(`/cases/${arabicDigitsCase.id}`))!.text).toContain(
      '۳ از ۱۰',
    );
    const unknownStoreNotice = all.filter(
      (email) => email.headers['x-ladder-notification'] === 'unknown-store',
    );
    expect(unknownStoreNotice).toHaveLength(1);
    expect(unknownStoreNotice[0]!.to[0]!.address).toBe(environment.config.adminEmail);
    expect(unknownStoreNotice[0]!.subject).toContain('unknown-store');
  });

  it('invites only promoters who consented and left an e-mail address', async () => {
    const invitations = (await emails()).filter(
      (email) => email.headers['x-ladder-notification'] === 'loyalty-invitation',
    );
    expect(invitations.map((email) => email.to[0]!.address)).toEqual(['c4@example.com']);
    const { body } = await callApi<CustomerDto>(ladder.url, '/api/customers/c-4');
    expect(body.loyaltyClub?.referralCode).toMatch(/^FRIEND(-[0-9A-Z]{4}){3}$/);
    expect(invitations[0]!.text).toContain(body.loyaltyClub!.referralCode);
    const unconsented = await callApi<CustomerDto>(ladder.url, '/api/customers/c-5');
    expect(unconsented.body.loyaltyClub).toBeNull();
  });

  it('changes nothing when the same messages are produced a second time', async () => {
    const before = await snapshot();
    await produceAllCases(environment);
    await waitUntilSettled(environment.config);
    const after = await snapshot();
    expect({ ...after, deadLetterCount: undefined }).toEqual({ ...before, deadLetterCount: undefined });
    // The re-produced broken messages are new messages: they are dead-lettered again, with their new offsets.
    expect(after.deadLetterCount).toBe(before.deadLetterCount * 2);
    const deadLetters = await readTopic(environment.config, 'dlq', rejectedCases.length * 2);
    expect(deadLetters).toHaveLength(rejectedCases.length * 2);
  });

  it('changes nothing when the input topics are replayed from offset zero, and resumes from committed offsets', async () => {
    const before = await snapshot();
    await ladder.stop();
    await rewindInputTopics(environment.config);
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
    expect(await snapshot()).toEqual(before);
    expect(ladder.app.get(ScoringConsumer).status().messages).toBe(cases.length * 2);

    // A plain restart resumes from the committed offsets: only the one new answer is consumed.
    await ladder.stop();
    ladder = await startLadder(environment.config);
    await produce(environment.config, 'surveys', [
      {
        key: 'c-50',
        value: JSON.stringify({
          eventId: 's-after-restart',
          occurredAt: '2026-11-21T09:00:00+03:30',
          customer: { id: 'c-50' },
          storeId: 'tehran-01',
          score: 8,
        }),
      },
    ]);
    await waitUntilSettled(environment.config);
    expect(ladder.app.get(ScoringConsumer).status().messages).toBe(1);
    const { body } = await callApi<NpsReportDto>(ladder.url, '/api/nps?groupBy=store');
    expect(body.total.responses).toBe(before.nps.total.responses + 1);
  });

  async function snapshot() {
    const [nps, casePage, caught, deadLetters] = await Promise.all([
      callApi<NpsReportDto>(ladder.url, '/api/nps?groupBy=employee'),
      callApi<CasePageDto>(ladder.url, '/api/cases?limit=100'),
      emails(),
      callApi<{ items: unknown[] }>(ladder.url, '/api/dead-letters?limit=500'),
    ]);
    return {
      nps: nps.body,
      cases: casePage.body.items.map((item) => ({
        id: item.id,
        answers: item.answers.length,
        history: item.history.length,
      })),
      emails: caught
        .map((email) => `${email.headers['x-ladder-notification']} ${email.to[0]?.address}`)
        .sort(),
      deadLetterCount: deadLetters.body.items.length,
    };
  }
});
