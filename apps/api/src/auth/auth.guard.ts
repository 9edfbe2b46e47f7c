import { LADDER_CONFIG, type LadderConfig } from '#config';
import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiException } from '../errors/api.exception.js';
import type { Principal, Role } from './principal.js';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './public.decorator.js';

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Checks the bearer token on every route that is not marked public. The bootstrap admin token comes from
 * LADDER_ADMIN_TOKEN; it is compared by hash in constant time.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly adminTokenDigest: Buffer | null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(LADDER_CONFIG) config: LadderConfig,
  ) {
    this.adminTokenDigest = config.adminToken ? digest(config.adminToken) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      throw new ApiException(
        'unauthorized',
        'Send a token as "Authorization: Bearer <token>".',
        HttpStatus.UNAUTHORIZED,
      );
    }
    const principal = this.authenticate(token);
    if (!principal)
      throw new ApiException('unauthorized', 'The token is not valid.', HttpStatus.UNAUTHORIZED);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw ApiException.forbidden(`This needs the ${roles.join(' or ')} role.`);
    }
    request.principal = principal;
    return true;
  }

  private authenticate(token: string): Principal | null {
    if (this.adminTokenDigest && timingSafeEqual(digest(token), this.adminTokenDigest)) {
      return { tokenId: 'bootstrap-admin', role: 'admin', scope: { kind: 'all' } };
    }
    return null;
  }
}
