import type { CustomerDto } from '#contracts';
import { MailCatcher } from '#local-stack';
import {
  callApi,
  createTestEnvironment,
  createTopics,
  eventually,
  produce,
  rewindInputTopics,
  waitUntilSettled,
  type TestEnvironment,
} from '#testing';
import { emailsOf, languageOf } from './support/feedback.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

/**
 * Every promoter is thanked: one who consents to marketing by the invitation to the club, one who does not
 * by a plain thank-you (a service e-mail in their language, counted in the contact budget), once per answer;
 * a 9 or 10 that triage flags as junk gets nothing.
 */
describe('thanking promoters', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  const catcher = new MailCatcher();
  const emails = () => catcher.fromInstance(environment.config.queuePrefix);

  beforeAll(async () => {
    environment = await createTestEnvironment('thanks', {
      LADDER_DIRECTORY: new URL('./fixtures/promoter-directory.yaml', import.meta.url).pathname,
    });
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  const answer = (
    eventId: string,
    customer: { id: string; email: string; locale?: string },
    score: number,
    extra: Record<string, unknown> = {},
  ) => ({
    key: customer.id,
    value: JSON.stringify({
      eventId,
      occurredAt: new Date().toISOString(),
      customer,
      storeId: 'tehran-01',
      score,
      ...extra,
    }),
  });

  it('thanks a promoter without consent once per answer, invites one with consent, and thanks no junk', async () => {
    const nadia = { id: 'th-nadia', email: 'nadia@thanks.test', locale: 'fa-IR' };
    const omid = { id: 'th-omid', email: 'omid@thanks.test' };
    const junk = { id: 'th-junk', email: 'junk@thanks.test' };
    await produce(environment.config, 'surveys', [
      answer('th-1', nadia, 9),
      answer('th-2', omid, 10, { consent: { marketing: true } }),
      answer('th-3', junk, 10, { comment: 'asdfghjkl qwertyuiop zxcvbnm' }),
    ]);
    await waitUntilSettled(environment.config);
    const [thanks] = await eventually(async () => {
      const found = emailsOf(await emails(), 'promoter-thanks', nadia.email);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(languageOf(thanks!)).toEqual({ lang: 'fa', dir: 'rtl' });
    expect(thanks!.text).toContain('۹ از ۱۰');
    expect(thanks!.html).toContain(`${environment.config.publicUrl}/u/`);
    await eventually(async () =>
      expect(emailsOf(await emails(), 'loyalty-invitation', omid.email)).toHaveLength(1),
    );
    const all = await emails();
    expect(emailsOf(all, 'promoter-thanks', omid.email)).toEqual([]);
    expect(all.filter((email) => email.to.some((to) => to.address === junk.email))).toEqual([]);

    // A second 10 is thanked again; the budget counts both as service messages.
    await produce(environment.config, 'surveys', [answer('th-4', nadia, 10)]);
    await waitUntilSettled(environment.config);
    await eventually(async () =>
      expect(emailsOf(await emails(), 'promoter-thanks', nadia.email)).toHaveLength(2),
    );
    const profile = await callApi<CustomerDto>(ladder.url, `/api/customers/${nadia.id}`);
    expect(profile.body.contactBudget).toMatchObject({ marketing: { used: 0 }, total: { used: 2 } });

    // Replaying the surveys thanks no one again.
    await ladder.stop();
    await rewindInputTopics(environment.config);
    ladder = await startLadder(environment.config);
    await waitUntilSettled(environment.config);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(emailsOf(await emails(), 'promoter-thanks', nadia.email)).toHaveLength(2);
  }, 180_000);
});
