import type { LadderConfig } from '#config';
import type { CaseDto, CasePageDto } from '#contracts';
import type { CaughtEmail } from '#local-stack';
import { callApi, produce, TEST_ADMIN_TOKEN } from '#testing';

export interface SurveyAnswer {
  eventId: string;
  customerId: string;
  storeId: string;
  score: number;
  comment?: string;
  employeeId?: string;
  occurredAt?: string;
  email?: string;
  locale?: string;
}

/** Produces survey answers as a shop would: keyed by customer, JSON as DESIGN.md §3 describes. */
export async function produceAnswers(config: LadderConfig, answers: SurveyAnswer[]): Promise<void> {
  await produce(
    config,
    'surveys',
    answers.map((answer) => ({
      key: answer.customerId,
      value: JSON.stringify({
        eventId: answer.eventId,
        occurredAt: answer.occurredAt ?? new Date().toISOString(),
        customer: {
          id: answer.customerId,
          email: answer.email ?? `${answer.customerId}@example.com`,
          ...(answer.locale ? { locale: answer.locale } : {}),
        },
        storeId: answer.storeId,
        score: answer.score,
        ...(answer.comment ? { comment: answer.comment } : {}),
        ...(answer.employeeId ? { employeeId: answer.employeeId } : {}),
      }),
    })),
  );
}

/** The one case of a customer, as the API shows it to `token`. */
export async function caseOf(
  baseUrl: string,
  customerId: string,
  token = TEST_ADMIN_TOKEN,
): Promise<CaseDto> {
  const response = await callApi<CasePageDto>(
    baseUrl,
    `/api/cases?customerId=${encodeURIComponent(customerId)}`,
    { token },
  );
  if (response.status !== 200) throw new Error(`listing cases answered ${response.status}`);
  if (response.body.items.length !== 1)
    throw new Error(`${customerId} has ${response.body.items.length} cases`);
  return response.body.items[0]!;
}

/** The e-mails of one kind (X-Ladder-Notification) to one address. */
export function emailsOf(all: CaughtEmail[], kind: string, to?: string): CaughtEmail[] {
  return all.filter(
    (email) =>
      email.headers['x-ladder-notification'] === kind && (to === undefined || email.to[0]?.address === to),
  );
}

/** The language and direction an e-mail's HTML declares. */
export function languageOf(email: CaughtEmail): { lang: string | null; dir: string | null } {
  const html = /<html[^>]*>/i.exec(email.html)?.[0] ?? '';
  return {
    lang: /lang="([^"]+)"/.exec(html)?.[1] ?? null,
    dir: /dir="([^"]+)"/.exec(html)?.[1] ?? null,
  };
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A moment on a time zone's wall clock: its date, its time to the second and its day of the week. */
export function wallClock(instant: Date, timeZone: string): { date: string; time: string; day: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    date,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    day: DAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!,
  };
}

/** The calendar day before `date` (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** Issues an API token through the admin endpoint, as an administrator would. */
export async function issueToken(
  baseUrl: string,
  request: {
    name: string;
    role: 'agent' | 'manager' | 'admin';
    storeIds?: string[];
    regionIds?: string[];
    allStores?: boolean;
  },
): Promise<string> {
  const response = await callApi<{ token: string }>(baseUrl, '/api/tokens', {
    method: 'POST',
    body: request,
  });
  if (response.status !== 201) throw new Error(`issuing a token answered ${response.status}`);
  return response.body.token;
}
