import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Links in customer e-mails (answer again, unsubscribe, join the club) carry a signed, expiring token:
 * `<base64url payload>.<base64url HMAC-SHA256>`. Anyone holding the link may use it for its one purpose;
 * nobody can make one for another case or customer, or use one after it expired.
 */
export interface LinkPayload {
  /** What the link is for, e.g. `resurvey`. */
  purpose: string;
  /** The subject: a case id, a customer id. */
  subject: string;
  /** Expiry, epoch seconds. */
  expires: number;
}

export function signLink(payload: LinkPayload, secret: string): string {
  const body = Buffer.from(
    JSON.stringify([payload.purpose, payload.subject, payload.expires]),
    'utf8',
  ).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export type LinkCheck =
  | { ok: true; payload: LinkPayload }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'wrong-purpose' };

export function verifyLink(token: string, purpose: string, secret: string, now = new Date()): LinkCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return { ok: false, reason: 'malformed' };
  const [linkPurpose, subject, expires] = decoded as [unknown, unknown, unknown];
  if (typeof linkPurpose !== 'string' || typeof subject !== 'string' || typeof expires !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if (linkPurpose !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (expires * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload: { purpose: linkPurpose, subject, expires } };
}
