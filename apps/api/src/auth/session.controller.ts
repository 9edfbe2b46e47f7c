import { LADDER_CONFIG, type LadderConfig } from '#config';
import { apiErrorBodySchema, sessionDtoSchema, sessionRequestSchema, type SessionDto } from '#contracts';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiException } from '../errors/api.exception.js';
import { AuthenticationService } from '#access';
import { CurrentPrincipal } from './current-principal.decorator.js';
import type { Principal } from '#access';
import { Answers } from '../docs/answers.decorator.js';
import { RateLimit } from '../limits/rate-limit.decorator.js';
import { Public } from './public.decorator.js';
import { expiredSessionCookie, sessionCookie } from './session-cookie.js';

const SESSION_SECONDS = 12 * 3600;

/** Signing in to the operations UI: a token becomes an HttpOnly session cookie for the browser. */
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly auth: AuthenticationService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  @Post()
  @Public()
  @RateLimit('sign-in')
  @Answers(201, sessionDtoSchema, 'Signed in: the session cookie is set.')
  @Answers(401, apiErrorBodySchema, 'unauthorized: the token is not valid')
  @Answers(429, apiErrorBodySchema, 'too-many-requests: too many sign-ins from this address; see Retry-After')
  async signIn(
    @Body({ schema: sessionRequestSchema }) request: { token: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const principal = await this.auth.authenticate(request.token.trim());
    if (!principal)
      throw new ApiException('unauthorized', 'The token is not valid.', HttpStatus.UNAUTHORIZED);
    response.setHeader(
      'Set-Cookie',
      sessionCookie(request.token.trim(), this.config.publicUrl.startsWith('https:'), SESSION_SECONDS),
    );
    return toDto(principal);
  }

  @Get()
  @Answers(200, sessionDtoSchema)
  whoAmI(@CurrentPrincipal() principal: Principal): SessionDto {
    return toDto(principal);
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @Answers(204, undefined, 'Signed out: the session cookie is cleared.')
  signOut(@Res({ passthrough: true }) response: Response): void {
    response.setHeader('Set-Cookie', expiredSessionCookie());
  }
}

function toDto(principal: Principal): SessionDto {
  return {
    id: principal.tokenId,
    name: principal.name,
    role: principal.role,
    scope:
      principal.scope.kind === 'all'
        ? { allStores: true, storeIds: [] }
        : { allStores: false, storeIds: principal.scope.storeIds },
  };
}
