import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Links in customer e-mails (answer again, unsubscribe, join the club) carry a signed, expiring token:
 * `<base64url payload>.<base64url HMAC-SHA256>`. Anyone holding the link may use it for its one purpose;
 * nobody can make one for another case or customer, or use one after it expired. Links are checked against
 * every secret still trusted, so rotating the secret breaks no link already sent.
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

/** Checks a link signed with any of `secrets` (the current one first, then retired ones). */
export function verifyLink(
  token: string,
  purpose: string,
  secrets: readonly string[],
  now = new Date(),
): LinkCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const signedByOne = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(body).digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!signedByOne) return { ok: false, reason: 'forged' };
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

/** Signs with the current secret and verifies with every trusted one, as LADDER_SIGNING_SECRET* say. */
export class LinkSigner {
  constructor(private readonly keys: { current: string; retired: readonly string[] } | null) {}

  sign(payload: LinkPayload): string {
    // The configuration requires the secret of every process that signs; this is a wiring mistake.
    if (!this.keys) throw new Error('LADDER_SIGNING_SECRET is not set');
    return signLink(payload, this.keys.current);
  }

  verify(token: string, purpose: string, now = new Date()): LinkCheck {
    if (!this.keys) return { ok: false, reason: 'forged' };
    return verifyLink(token, purpose, [this.keys.current, ...this.keys.retired], now);
  }
}
