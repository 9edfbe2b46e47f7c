import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiException } from '../errors/api.exception.js';
import { AuthenticationService } from '#access';
import type { Principal, Role } from '#access';
import { ALL_STORES_ONLY, PUBLIC_ROUTE, REQUIRED_ROLES } from './public.decorator.js';
import { requestToken } from './session-cookie.js';

interface AuthenticatedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Checks the token on every route that is not marked public: `Authorization: Bearer <token>`, or the
 * operations UI's session cookie. A route that names roles refuses the others with 403, and so does a route
 * for all-stores tokens to a store-scoped one.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthenticationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.principalOf(request);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw ApiException.forbidden(`This needs the ${roles.join(' or ')} role.`);
    }
    if (
      this.reflector.getAllAndOverride<boolean>(ALL_STORES_ONLY, targets) &&
      principal.scope.kind !== 'all'
    ) {
      throw ApiException.forbidden(
        'This needs a token for all stores: what it shows belongs to no one store.',
      );
    }
    request.principal = principal;
    return true;
  }

  private async principalOf(request: AuthenticatedRequest): Promise<Principal> {
    const token = requestToken(request.headers);
    if (!token) {
      throw new ApiException(
        'unauthorized',
        'Send a token as "Authorization: Bearer <token>".',
        HttpStatus.UNAUTHORIZED,
      );
    }
    const principal = await this.auth.authenticate(token);
    if (!principal)
      throw new ApiException('unauthorized', 'The token is not valid.', HttpStatus.UNAUTHORIZED);
    return principal;
  }
}
