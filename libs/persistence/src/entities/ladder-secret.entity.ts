import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Secrets Ladder makes for itself and keeps with its data (the erasure key). */
@Entity({ name: 'ladder_secrets' })
export class LadderSecretEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'ladder_secrets_pkey' })
  name!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
