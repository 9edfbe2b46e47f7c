import type { EnvironmentReader } from './environment-reader.js';
import type { LadderConfig } from './ladder-config.js';

// Where Ladder serves its API and links, and the secrets that guard them.

const MIN_ADMIN_TOKEN_LENGTH = 16;
const MIN_SIGNING_SECRET_LENGTH = 32;
/** Fewer different characters than this is a pattern (`aaaa…`, `1212…`), not a secret. */
const MIN_DISTINCT_CHARACTERS = 10;
/**
 * Words that mark a value copied from an example, a placeholder or a demo: such a value was published
 * somewhere (a compose file, a manifest, a README), so anyone can use it.
 */
const PLACEHOLDER_WORDS =
  /change-?me|replace[-_]?me|example|placeholder|not-for-production|your-|secret-here/i;

/** Why a secret is too weak to guard anything, or null when it is not. */
export function secretWeakness(value: string, minLength: number): string | null {
  if (value.length < minLength) return `must be at least ${minLength} characters`;
  if (PLACEHOLDER_WORDS.test(value))
    return 'is a published example or placeholder, not a secret: generate one';
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return 'is a repeated pattern, not a random secret';
  return null;
}

/** The port, the public URL (built on the port) and the admin token. */
export function readServer(
  reader: EnvironmentReader,
  serveApi: boolean | undefined,
): Pick<LadderConfig, 'port' | 'publicUrl' | 'adminToken'> {
  const port = reader.integer('PORT', 3000, 1, 65535);
  const publicUrl = reader
    .url('LADDER_PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:'])
    .replace(/\/+$/, '');
  const adminToken = reader.optional('LADDER_ADMIN_TOKEN');
  const weakness = adminToken === null ? null : secretWeakness(adminToken, MIN_ADMIN_TOKEN_LENGTH);
  if (weakness) {
    reader.report('LADDER_ADMIN_TOKEN', weakness);
  } else if (adminToken === null && serveApi) {
    reader.report(
      'LADDER_ADMIN_TOKEN',
      `is required to serve the API (a secret of at least ${MIN_ADMIN_TOKEN_LENGTH} characters)`,
    );
  }
  return { port, publicUrl, adminToken };
}

/**
 * LADDER_SIGNING_SECRET signs the links in customer e-mails; LADDER_SIGNING_SECRETS_RETIRED (comma-separated)
 * are earlier secrets that still verify links already sent, so the secret can rotate without breaking an
 * unsubscribe link in someone's inbox. It is its own secret, never the admin token's: the API token can
 * rotate on its own. Required when `needed` (the process serves links or sends customer e-mail).
 */
export function readSigning(reader: EnvironmentReader, needed: boolean): LadderConfig['signing'] {
  const current = reader.optional('LADDER_SIGNING_SECRET');
  const retired = (reader.optional('LADDER_SIGNING_SECRETS_RETIRED') ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
  if (current === null) {
    if (needed)
      reader.report(
        'LADDER_SIGNING_SECRET',
        `is required to serve the API or send customer e-mail (a random secret of at least ${MIN_SIGNING_SECRET_LENGTH} characters, e.g. openssl rand -base64 33)`,
      );
    if (retired.length > 0)
      reader.report('LADDER_SIGNING_SECRETS_RETIRED', 'needs LADDER_SIGNING_SECRET too');
    return null;
  }
  const weakness = secretWeakness(current, MIN_SIGNING_SECRET_LENGTH);
  if (weakness) reader.report('LADDER_SIGNING_SECRET', weakness);
  if (retired.some((secret) => secret.length < MIN_SIGNING_SECRET_LENGTH))
    reader.report(
      'LADDER_SIGNING_SECRETS_RETIRED',
      `each must be at least ${MIN_SIGNING_SECRET_LENGTH} characters`,
    );
  return { current, retired: retired.filter((secret) => secret !== current) };
}

/**
 * How many calls each kind of caller may make within a window, across every API replica (counted in
 * Redis): API calls per token, sign-ins per address, and public pages (links from e-mails, referral
 * pages) per address.
 */
export function readRateLimits(reader: EnvironmentReader): LadderConfig['rateLimits'] {
  return {
    api: reader.rate('LADDER_RATE_LIMIT_API', '1200/1m'),
    signIn: reader.rate('LADDER_RATE_LIMIT_SIGN_IN', '10/5m'),
    pages: reader.rate('LADDER_RATE_LIMIT_PAGES', '60/1m'),
  };
}
