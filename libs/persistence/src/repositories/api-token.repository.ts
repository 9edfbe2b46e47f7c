import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

export type TokenRole = 'agent' | 'manager' | 'admin';

export interface ApiTokenRecord {
  id: string;
  name: string;
  role: TokenRole;
  allStores: boolean;
  storeIds: string[];
  regionIds: string[];
  tokenPrefix: string;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface NewApiToken {
  name: string;
  role: TokenRole;
  allStores: boolean;
  storeIds: string[];
  regionIds: string[];
  tokenHash: string;
  tokenPrefix: string;
  createdBy: string;
  expiresAt: Date | null;
}

/** The columns of an ApiTokenRecord, named as it names them. */
const COLUMNS = `id, name, role, all_stores AS "allStores", store_ids AS "storeIds", region_ids AS "regionIds",
                 token_prefix AS "tokenPrefix", created_at AS "createdAt", created_by AS "createdBy",
                 expires_at AS "expiresAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;

@Injectable()
export class ApiTokenRepository {
  async create(manager: EntityManager, token: NewApiToken): Promise<ApiTokenRecord> {
    const { rows } = await queryRows<ApiTokenRecord>(
      manager,
      `INSERT INTO api_tokens (name, role, all_stores, store_ids, region_ids, token_hash, token_prefix, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        token.name,
        token.role,
        token.allStores,
        token.storeIds,
        token.regionIds,
        token.tokenHash,
        token.tokenPrefix,
        token.createdBy,
        token.expiresAt,
      ],
    );
    return rows[0]!;
  }

  /** The live token with this hash: not revoked, not expired. */
  async findActiveByHash(manager: EntityManager, tokenHash: string): Promise<ApiTokenRecord | null> {
    const { rows } = await queryRows<ApiTokenRecord>(
      manager,
      `SELECT ${COLUMNS} FROM api_tokens
        WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Marks the token used, at most once a minute (a write per request would cost more than it tells). */
  async touch(manager: EntityManager, id: string): Promise<void> {
    await queryRows(
      manager,
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  async list(manager: EntityManager): Promise<ApiTokenRecord[]> {
    const { rows } = await queryRows<ApiTokenRecord>(
      manager,
      `SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at DESC`,
    );
    return rows;
  }

  async revoke(manager: EntityManager, id: string): Promise<ApiTokenRecord | null> {
    const { rows } = await queryRows<ApiTokenRecord>(
      manager,
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The stores of these regions, as the directory says now. */
  async storesOfRegions(manager: EntityManager, regionIds: string[]): Promise<string[]> {
    if (regionIds.length === 0) return [];
    const { rows } = await queryRows<{ id: string }>(
      manager,
      'SELECT id FROM stores WHERE region_id = ANY($1::text[])',
      [regionIds],
    );
    return rows.map((row) => row.id);
  }
}
