import {
  isUuid,
  LadderError,
  type CreatedTokenDto,
  type CreateTokenRequest,
  type TokenDto,
} from '#contracts';
import { parseDuration } from '#domain';
import { ApiTokenRepository, type ApiTokenRecord } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from './principal.js';
import { newToken, tokenHash } from './token-hash.js';

/** Issuing, listing and revoking API tokens (admin only). */
@Injectable()
export class ApiTokens {
  private readonly logger = new Logger(ApiTokens.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: ApiTokenRepository,
  ) {}

  async create(request: CreateTokenRequest, principal: Principal): Promise<CreatedTokenDto> {
    if (!withinScope(principal, request)) {
      throw new LadderError(
        'forbidden',
        'token-wider-than-caller',
        'A token can only be issued within your own scope: a store-scoped token issues tokens for some of its stores, never for regions or all stores',
      );
    }
    const token = newToken();
    const record = await this.tokens.create(this.dataSource.manager, {
      name: request.name,
      role: request.role,
      allStores: request.allStores,
      storeIds: [...new Set(request.storeIds)].sort(),
      regionIds: [...new Set(request.regionIds)].sort(),
      tokenHash: tokenHash(token),
      tokenPrefix: token.slice(0, 10),
      createdBy: principal.name,
      expiresAt: request.expiresIn ? new Date(Date.now() + parseDuration(request.expiresIn)!) : null,
    });
    this.logger.log({
      message: 'token issued',
      tokenId: record.id,
      role: record.role,
      by: principal.tokenId,
    });
    return { ...toDto(record), token };
  }

  /** The tokens inside the caller's scope: a store-scoped admin sees none wider than itself. */
  async list(principal: Principal): Promise<{ items: TokenDto[] }> {
    const records = await this.tokens.list(this.dataSource.manager);
    return { items: records.filter((record) => withinScope(principal, record)).map(toDto) };
  }

  /** Revokes a token inside the caller's scope; any other does not exist for them. */
  async revoke(id: string, principal: Principal): Promise<TokenDto> {
    const manager = this.dataSource.manager;
    const found = isUuid(id)
      ? (await this.tokens.list(manager)).find((record) => record.id === id)
      : undefined;
    const record = found && withinScope(principal, found) ? await this.tokens.revoke(manager, id) : null;
    if (!record) throw LadderError.notFound('The token');
    this.logger.log({ message: 'token revoked', tokenId: record.id, by: principal.tokenId });
    return toDto(record);
  }
}

/**
 * Whether a token's scope lies inside the caller's. An all-stores token holds every scope; a store-scoped one
 * only lists of its own stores: not all stores, and not regions (a region gains stores later, and the token
 * with it).
 */
function withinScope(
  principal: Principal,
  token: { allStores: boolean; storeIds: readonly string[]; regionIds: readonly string[] },
): boolean {
  const scope = principal.scope;
  if (scope.kind === 'all') return true;
  if (token.allStores || token.regionIds.length > 0) return false;
  return token.storeIds.every((storeId) => scope.storeIds.includes(storeId));
}

/** A token as the API shows it: its record (which never holds the token), dates in ISO-8601. */
function toDto({
  tokenPrefix,
  createdAt,
  expiresAt,
  revokedAt,
  lastUsedAt,
  ...token
}: ApiTokenRecord): TokenDto {
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  return {
    ...token,
    prefix: tokenPrefix,
    createdAt: createdAt.toISOString(),
    expiresAt: iso(expiresAt),
    revokedAt: iso(revokedAt),
    lastUsedAt: iso(lastUsedAt),
  };
}
