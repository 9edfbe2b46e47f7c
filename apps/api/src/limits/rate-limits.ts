import { LADDER_CONFIG, type LadderConfig } from '#config';
import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { PUBLIC_ROUTE } from '../auth/public.decorator.js';
import { requestToken } from '../auth/session-cookie.js';
import { ApiException } from '../errors/api.exception.js';
import { RATE_LIMIT, type RateLimitKind } from './rate-limit.decorator.js';
import { RedisRateCounter } from './redis-rate-counter.js';

/**
 * Refuses a caller past their limit with 429, `Retry-After` and a JSON error, before any token is looked
 * up. (`@nestjs/throttler` 6 is CommonJS and cannot load NestJS 12's ES modules in a require cycle, so the
 * guard is Ladder's own; the counting lives in Redis, shared by every API replica.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly counter: RedisRateCounter,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    await countAgainst(
      this.counter,
      this.config,
      this.kindOf(context),
      http.getRequest<Request>(),
      http.getResponse<Response>(),
    );
    return true;
  }

  /** The limit a route counts against (see `RateLimit`). */
  private kindOf(context: ExecutionContext): RateLimitKind {
    const targets = [context.getHandler(), context.getClass()];
    const declared = this.reflector.getAllAndOverride<RateLimitKind | undefined>(RATE_LIMIT, targets);
    if (declared) return declared;
    return this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ? 'pages' : 'api';
  }
}

/**
 * Counts the request against its limit, with the RateLimit-* headers; past the limit, answers 429 with
 * `Retry-After` (thrown as the API's error, which every route and the queue board answer as JSON).
 */
export async function countAgainst(
  counter: RedisRateCounter,
  config: LadderConfig,
  kind: RateLimitKind,
  request: Request,
  response: Response,
): Promise<void> {
  if (kind === 'unlimited') return;
  const limit = {
    api: config.rateLimits.api,
    'sign-in': config.rateLimits.signIn,
    pages: config.rateLimits.pages,
  }[kind];
  const count = await counter.hit(`${kind}:${trackerOf(kind, request)}`, limit.withinMs);
  if (count === null) return;
  const retryAfter = Math.max(1, Math.ceil(count.remainingMs / 1000));
  response.setHeader('RateLimit-Limit', String(limit.max));
  response.setHeader('RateLimit-Remaining', String(Math.max(0, limit.max - count.hits)));
  response.setHeader('RateLimit-Reset', String(retryAfter));
  if (count.hits <= limit.max) return;
  response.setHeader('Retry-After', String(retryAfter));
  throw new ApiException(
    'too-many-requests',
    `Too many requests; try again in ${retryAfter} s.`,
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * Who is counted: a token (hashed; it is never stored) for API calls, the client's address otherwise. Behind
 * a proxy the address is the proxy's unless Express is told to trust it (docs/operations.md).
 */
function trackerOf(kind: RateLimitKind, request: Request): string {
  const token = kind === 'api' ? requestToken(request.headers) : undefined;
  if (token) return `token:${createHash('sha256').update(token).digest('base64url').slice(0, 32)}`;
  return `address:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
}
