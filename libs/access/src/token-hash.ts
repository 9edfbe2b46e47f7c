import { createHash, randomBytes } from 'node:crypto';

/** The stored form of a token: its SHA-256 in hex. Tokens are random, so no salt or slow hash is needed. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new token: `ldr_` and 32 random bytes, base64url. */
export function newToken(): string {
  return `ldr_${randomBytes(32).toString('base64url')}`;
}
