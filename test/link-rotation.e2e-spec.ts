import type { LadderConfig } from '#config';
import { linksIn } from '#local-stack';
import { createTestEnvironment, createTopics, type TestEnvironment } from '#testing';
import { followJoinLink, invitePromoter } from './support/promoters.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

const BEFORE = 'the-signing-secret-before-rotation-Qm4Zx8';
const AFTER = 'the-signing-secret-after-rotation-Wn7Rt2Lk';

/**
 * The signing secret rotates without breaking a link already in someone's inbox: links signed with a retired
 * secret still open while it is kept, stop once it is dropped, and a forged link never opens.
 */
describe('rotating the link-signing secret', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder | undefined;

  const run = async (signing: LadderConfig['signing']) => {
    await ladder?.stop();
    ladder = await startLadder({ ...environment.config, signing });
  };

  beforeAll(async () => {
    environment = await createTestEnvironment('rotation', {
      LADDER_DIRECTORY: new URL('./fixtures/promoter-directory.yaml', import.meta.url).pathname,
    });
    await createTopics(environment.config);
  });

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  it('keeps old links working while their secret is retired, and refuses forged ones', async () => {
    await run({ current: BEFORE, retired: [] });
    const invitation = await invitePromoter(
      environment.config,
      { id: 'rot-1', email: 'rot-1@rotation.test', locale: 'en' },
      { eventId: 'rot-s-1', storeId: 'online' },
    );
    const [unsubscribe] = linksIn(invitation, `${environment.config.publicUrl}/u/`);
    const [join] = linksIn(invitation, `${environment.config.publicUrl}/join/`);
    expect(unsubscribe).toBeDefined();
    expect(join).toBeDefined();

    await run({ current: AFTER, retired: [BEFORE] });
    expect((await fetch(unsubscribe!)).status).toBe(200);
    expect((await followJoinLink(environment.config, invitation)).status).toBe(200);
    // The same payload with a signature of its own making is refused, as is a signature moved to another body.
    const [body, signature] = new URL(join!).pathname.split('/').pop()!.split('.');
    const otherBody = Buffer.from(JSON.stringify(['join', 'someone-else', 4_102_444_800])).toString(
      'base64url',
    );
    for (const forged of [`${body}.${'A'.repeat(signature!.length)}`, `${otherBody}.${signature}`]) {
      expect((await fetch(`${environment.config.publicUrl}/join/${forged}`)).status).toBe(404);
    }
    // New e-mails are signed with the new secret.
    const second = await invitePromoter(
      environment.config,
      { id: 'rot-2', email: 'rot-2@rotation.test', locale: 'en' },
      { eventId: 'rot-s-2', storeId: 'online' },
    );
    const [secondUnsubscribe] = linksIn(second, `${environment.config.publicUrl}/u/`);

    await run({ current: AFTER, retired: [] });
    expect((await fetch(unsubscribe!)).status).toBe(404);
    expect((await fetch(secondUnsubscribe!)).status).toBe(200);
  }, 180_000);
});
