import { LinkSigner, signLink, verifyLink } from './signed-link.js';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const now = new Date('2026-11-23T10:00:00Z');
const expires = Math.floor(now.getTime() / 1000) + 3600;

describe('signed links', () => {
  it('verify for their purpose until they expire', () => {
    const token = signLink({ purpose: 'resurvey', subject: 'case-1', expires }, secret);
    expect(verifyLink(token, 'resurvey', [secret], now)).toEqual({
      ok: true,
      payload: { purpose: 'resurvey', subject: 'case-1', expires },
    });
    expect(verifyLink(token, 'unsubscribe', [secret], now)).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(verifyLink(token, 'resurvey', [secret], new Date(now.getTime() + 2 * 3600_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('cannot be forged or pointed at another subject', () => {
    const token = signLink({ purpose: 'resurvey', subject: 'case-1', expires }, secret);
    const [, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify(['resurvey', 'case-2', expires])).toString('base64url');
    expect(verifyLink(`${other}.${signature}`, 'resurvey', [secret], now)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyLink(token, 'resurvey', ['another-secret-of-thirty-two-characters!'], now)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyLink('garbage', 'resurvey', [secret], now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('still verify after the secret rotated, while the old secret is kept as retired, and not after it is dropped', () => {
    const oldSecret = 'the-secret-before-the-rotation-0123456789';
    const newSecret = 'the-secret-after-the-rotation-9876543210';
    const sentBefore = new LinkSigner({ current: oldSecret, retired: [] }).sign({
      purpose: 'unsubscribe',
      subject: 'customer-1',
      expires,
    });
    const rotated = new LinkSigner({ current: newSecret, retired: [oldSecret] });
    expect(rotated.verify(sentBefore, 'unsubscribe', now)).toMatchObject({ ok: true });
    const sentAfter = rotated.sign({ purpose: 'unsubscribe', subject: 'customer-1', expires });
    expect(verifyLink(sentAfter, 'unsubscribe', [oldSecret], now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyLink(sentAfter, 'unsubscribe', [newSecret], now)).toMatchObject({ ok: true });
    const oldDropped = new LinkSigner({ current: newSecret, retired: [] });
    expect(oldDropped.verify(sentBefore, 'unsubscribe', now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('are refused by a process that has no secret, and cannot be signed there', () => {
    const token = signLink({ purpose: 'join', subject: 'customer-1', expires }, secret);
    expect(new LinkSigner(null).verify(token, 'join', now)).toEqual({ ok: false, reason: 'forged' });
    expect(() => new LinkSigner(null).sign({ purpose: 'join', subject: 'customer-1', expires })).toThrow(
      'LADDER_SIGNING_SECRET',
    );
  });
});
