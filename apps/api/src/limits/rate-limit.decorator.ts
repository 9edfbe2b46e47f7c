import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT = 'ladder:rate-limit';

/**
 * Which limit a route counts against: `api` (per token; every route that needs one), `pages` (per address;
 * public pages people open from e-mails and referral links), `sign-in` (per address), or `unlimited`
 * (probes and scrapes). Routes that say nothing count as `api`, or as `pages` when they are public.
 */
export type RateLimitKind = 'api' | 'pages' | 'sign-in' | 'unlimited';

export const RateLimit = (kind: RateLimitKind) => SetMetadata(RATE_LIMIT, kind);
