import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** `suppressed`: not sent, because the customer unsubscribed before it went out. */
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';

/**
 * One e-mail Ladder decided to send. `key` says why (at most one e-mail per key, ever); the content is
 * rendered from `subjectIds` when it is sent, so no personal data is copied here beyond the recipient.
 */
@Entity({ name: 'notifications' })
@Unique('notifications_key_key', ['key'])
@Check('notifications_status_valid', `status IN ('pending', 'sending', 'sent', 'failed', 'suppressed')`)
@Index('notifications_status_idx', ['status', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notifications_pkey' })
  id!: string;

  @Column({ type: 'text' })
  key!: string;

  /** Which e-mail it is; the kinds and their renderers are in libs/notifications. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'recipient_email', type: 'text' })
  recipientEmail!: string;

  @Column({ name: 'recipient_name', type: 'text', nullable: true })
  recipientName!: string | null;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ name: 'subject_ids', type: 'jsonb', default: () => `'{}'` })
  subjectIds!: Record<string, string>;

  @Column({ type: 'text', default: 'pending' })
  status!: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  /** While set and in the future, one worker is sending this e-mail; others leave it alone. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
