import { signLink, verifyLink } from './signed-link.js';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const now = new Date('2026-11-23T10:00:00Z');
const expires = Math.floor(now.getTime() / 1000) + 3600;

describe('signed links', () => {
  it('verify for their purpose until they expire', () => {
    const token = signLink({ purpose: 'resurvey', subject: 'case-1', expires }, secret);
    expect(verifyLink(token, 'resurvey', secret, now)).toEqual({
      ok: true,
      payload: { purpose: 'resurvey', subject: 'case-1', expires },
    });
    expect(verifyLink(token, 'unsubscribe', secret, now)).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(verifyLink(token, 'resurvey', secret, new Date(now.getTime() + 2 * 3600_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('cannot be forged or pointed at another subject', () => {
    const token = signLink({ purpose: 'resurvey', subject: 'case-1', expires }, secret);
    const [, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify(['resurvey', 'case-2', expires])).toString('base64url');
    expect(verifyLink(`${other}.${signature}`, 'resurvey', secret, now)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyLink(token, 'resurvey', 'another-secret-of-thirty-two-characters!', now)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyLink('garbage', 'resurvey', secret, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
