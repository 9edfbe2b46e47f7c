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

  async list(): Promise<{ items: TokenDto[] }> {
    return { items: (await this.tokens.list(this.dataSource.manager)).map(toDto) };
  }

  async revoke(id: string, principal: Principal): Promise<TokenDto> {
    const record = isUuid(id) ? await this.tokens.revoke(this.dataSource.manager, id) : null;
    if (!record) throw LadderError.notFound('The token');
    this.logger.log({ message: 'token revoked', tokenId: record.id, by: principal.tokenId });
    return toDto(record);
  }
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
