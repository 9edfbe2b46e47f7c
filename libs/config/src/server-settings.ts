import type { EnvironmentReader } from './environment-reader.js';
import type { LadderConfig } from './ladder-config.js';

// Where Ladder serves its API and links, and the secrets that guard them.

const MIN_ADMIN_TOKEN_LENGTH = 16;

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
  if (adminToken !== null && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    reader.report('LADDER_ADMIN_TOKEN', `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
  } else if (adminToken === null && serveApi) {
    reader.report(
      'LADDER_ADMIN_TOKEN',
      `is required to serve the API (a secret of at least ${MIN_ADMIN_TOKEN_LENGTH} characters)`,
    );
  }
  return { port, publicUrl, adminToken };
}

const MIN_SIGNING_SECRET_LENGTH = 32;

/**
 * LADDER_SIGNING_SECRET, or one derived from the admin token when it is not set: links keep working across
 * restarts and replicas either way. Setting it apart lets the admin token rotate without breaking links.
 */
export function readSigningSecret(reader: EnvironmentReader, adminToken: string | null): string | null {
  const secret = reader.optional('LADDER_SIGNING_SECRET');
  if (secret) {
    if (secret.length < MIN_SIGNING_SECRET_LENGTH) {
      reader.report('LADDER_SIGNING_SECRET', `must be at least ${MIN_SIGNING_SECRET_LENGTH} characters`);
    }
    return secret;
  }
  return adminToken ? `derived-from-admin-token:${adminToken}` : null;
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
