import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An API token: a role and a scope. Only the SHA-256 of the token is kept; the token is shown once. */
@Entity({ name: 'api_tokens' })
@Unique('api_tokens_token_hash_key', ['tokenHash'])
@Check('api_tokens_role_valid', `role IN ('agent', 'manager', 'admin')`)
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'api_tokens_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: 'agent' | 'manager' | 'admin';

  @Column({ name: 'all_stores', type: 'boolean', default: false })
  allStores!: boolean;

  @Column({ name: 'store_ids', type: 'text', array: true, default: () => `'{}'` })
  storeIds!: string[];

  /** Every store of these regions, as the directory says at each request. */
  @Column({ name: 'region_ids', type: 'text', array: true, default: () => `'{}'` })
  regionIds!: string[];

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** The first characters of the token, so a person can tell tokens apart in a list. */
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
