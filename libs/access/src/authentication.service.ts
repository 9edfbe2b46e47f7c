import { LADDER_CONFIG, type LadderConfig } from '#config';
import { ApiTokenRepository, type ApiTokenRecord } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from './principal.js';
import { tokenHash } from './token-hash.js';

/**
 * Turns a bearer token into a principal. The bootstrap admin token (LADDER_ADMIN_TOKEN) sees everything;
 * issued tokens are looked up by their hash, and a region scope becomes the region's stores as the
 * directory says at each request. A revoked or expired token stops working at once.
 */
@Injectable()
export class AuthenticationService {
  private readonly adminTokenHash: Buffer | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: ApiTokenRepository,
    @Inject(LADDER_CONFIG) config: LadderConfig,
  ) {
    this.adminTokenHash = config.adminToken ? Buffer.from(tokenHash(config.adminToken), 'hex') : null;
  }

  async authenticate(token: string): Promise<Principal | null> {
    const hash = tokenHash(token);
    if (this.adminTokenHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.adminTokenHash)) {
      return { tokenId: 'bootstrap-admin', name: 'admin', role: 'admin', scope: { kind: 'all' } };
    }
    const record = await this.tokens.findActiveByHash(this.dataSource.manager, hash);
    if (!record) return null;
    await this.tokens.touch(this.dataSource.manager, record.id);
    return this.principalOf(record);
  }

  async principalOf(record: ApiTokenRecord): Promise<Principal> {
    if (record.allStores)
      return { tokenId: record.id, name: record.name, role: record.role, scope: { kind: 'all' } };
    const regionStores = await this.tokens.storesOfRegions(this.dataSource.manager, record.regionIds);
    return {
      tokenId: record.id,
      name: record.name,
      role: record.role,
      scope: { kind: 'stores', storeIds: [...new Set([...record.storeIds, ...regionStores])].sort() },
    };
  }
}
