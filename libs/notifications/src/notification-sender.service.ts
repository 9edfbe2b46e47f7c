import { LADDER_CONFIG, type LadderConfig } from '#config';
import { withoutAddresses } from '#domain';
import { MailTransportService, PermanentMailError, type RenderedEmail } from '#mail';
import { LadderMetrics } from '#observability';
import { CustomerRepository, NotificationRepository, type NotificationRow } from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  isNotificationKind,
  NOTIFICATION_AUDIENCES,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from './notification-kinds.js';
import { NotificationRenderers, type KindRenderer } from './notification-renderer.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';

export type SendOutcome =
  | { outcome: 'sent'; messageId: string }
  | { outcome: 'already-sent' }
  /** The customer unsubscribed before the e-mail went out: it never will. */
  | { outcome: 'suppressed' };

/** Long enough for any SMTP exchange; a sender that died holding it frees the e-mail when it runs out. */
const LEASE_MS = 120_000;
/** Tries of the sent mark after SMTP accepted, 0.25 s to 16 s apart: about half a minute in all. */
const MARK_SENT_RETRIES = 7;

/**
 * Sends one notification. The row decides: an e-mail already sent is never sent again, and one being sent
 * by another worker is left to it. The content is rendered now, from the current data, by the renderer its
 * feature registered for the kind.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly customers: CustomerRepository,
    private readonly renderers: NotificationRenderers,
    private readonly unsubscribeLinks: UnsubscribeLinks,
    private readonly mail: MailTransportService,
    private readonly metrics: LadderMetrics,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** Every kind must have its renderer where e-mail is sent: an e-mail nobody can write would wait for ever. */
  assertEveryKindRenders(): void {
    const missing = this.renderers.missing(NOTIFICATION_KINDS);
    if (missing.length) throw new Error(`no renderer for these e-mails: ${missing.join(', ')}`);
  }

  async send(notificationId: string, finalAttempt: boolean): Promise<SendOutcome> {
    const manager = this.dataSource.manager;
    const notification = await this.notifications.lease(manager, notificationId, LEASE_MS);
    if (!notification) {
      const current = await this.notifications.find(manager, notificationId);
      if (!current) throw new UnrecoverableError(`notification ${notificationId} does not exist`);
      if (current.status === 'sent') return { outcome: 'already-sent' };
      if (current.status === 'suppressed') return { outcome: 'suppressed' };
      if (current.status === 'failed')
        throw new UnrecoverableError(`notification ${notificationId} failed for good`);
      throw new Error(`notification ${notificationId} is being sent by another worker`);
    }
    let accepted = false;
    try {
      const kind = this.kindOf(notification);
      const customerId = await this.customerOf(notification, kind);
      if (customerId !== null) {
        // The lease read the unsubscription of the customer the row names; another is read here.
        const unsubscribedAt =
          customerId === notification.subjectIds.customerId
            ? notification.customerUnsubscribedAt
            : ((await this.customers.find(manager, customerId))?.unsubscribedAt ?? null);
        if (unsubscribedAt) {
          await this.notifications.markSuppressed(manager, notification.id, 'the customer unsubscribed');
          this.metrics.emails.inc({ kind: notification.kind, status: 'suppressed' });
          this.logger.log({
            message: 'e-mail not sent: the customer unsubscribed',
            notificationId: notification.id,
            kind: notification.kind,
          });
          return { outcome: 'suppressed' };
        }
      }
      const unsubscribeUrl = customerId === null ? null : this.unsubscribeLinks.url(customerId);
      const email = await kind.renderer.render(notification as never, { unsubscribeUrl });
      const { messageId, markedAtHandOver } = await this.transmit(notification, email, unsubscribeUrl);
      // SMTP accepted it: from here on nothing may send it again, so a failure only delays the mark.
      accepted = true;
      if (!markedAtHandOver) await this.markSent(notification.id, messageId);
      this.metrics.emails.inc({ kind: notification.kind, status: 'sent' });
      this.logger.log({ message: 'e-mail sent', notificationId: notification.id, kind: notification.kind });
      await this.afterSent(kind, notification);
      return { outcome: 'sent', messageId };
    } catch (error) {
      if (accepted) throw error;
      const permanent = error instanceof PermanentMailError || error instanceof UnrecoverableError;
      const final = permanent || finalAttempt;
      // An SMTP refusal names the recipient: neither the row (shown to admins) nor the log keeps the address.
      const reason = withoutAddresses((error as Error).message);
      await this.notifications.markAttemptFailed(manager, notification.id, reason, final);
      this.metrics.emails.inc({ kind: notification.kind, status: final ? 'failed' : 'retried' });
      this.logger.warn({
        message: final ? 'e-mail failed for good' : 'e-mail attempt failed; it will be retried',
        notificationId: notification.id,
        kind: notification.kind,
        attempt: notification.attempts,
        error: reason,
      });
      if (permanent) throw new UnrecoverableError(reason);
      // The queue keeps the reason of the attempt (Redis, the failed-jobs list): without the address too.
      if (error instanceof Error) error.message = reason;
      throw error;
    }
  }

  /**
   * Hands the e-mail to SMTP and marks it sent at the instant its end-of-data dot is handed over, before
   * the server answers, on a connection of its own reserved beforehand: neither a wait for a pooled
   * connection nor the server's answer lies between the server taking the message and the mark, so a
   * crash there cannot send it again. Resolves once the server accepted it; says whether that mark held.
   */
  private async transmit(
    notification: NotificationRow,
    email: RenderedEmail,
    unsubscribeUrl: string | null,
  ): Promise<{ messageId: string; markedAtHandOver: boolean }> {
    const messageId = `<${notification.id}@${this.messageIdDomain()}>`;
    const markRunner = this.dataSource.createQueryRunner();
    await markRunner.connect();
    // Written by the hand-over callback: whether the mark at the hand-over held.
    const early: { mark?: Promise<boolean> } = {};
    try {
      try {
        await this.mail.send({
          to: { name: notification.recipientName, address: notification.recipientEmail },
          ...email,
          messageId,
          headers: {
            'X-Ladder-Notification': notification.kind,
            // The instance (queue prefix) tells apart the mail of several Ladders sharing one SMTP server.
            'X-Ladder-Instance': this.config.queuePrefix,
            // RFC 8058 one-click unsubscribe: mail clients POST to the same signed link the e-mail shows.
            ...(unsubscribeUrl
              ? {
                  'List-Unsubscribe': `<${unsubscribeUrl}>`,
                  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
                }
              : {}),
          },
          onHandedOver: () => {
            early.mark = this.notifications.markSent(markRunner.manager, notification.id, messageId).then(
              () => true,
              () => false,
            );
          },
        });
      } catch (error) {
        // Marked at the hand-over, then refused (or the connection broke before the answer): the mark is
        // taken back, so the failed attempt is recorded on the row like any other.
        if (await early.mark)
          await this.notifications.unmarkSent(markRunner.manager, notification.id, LEASE_MS);
        throw error;
      }
      return { messageId, markedAtHandOver: (await early.mark) ?? false };
    } finally {
      // Both ways out above have waited for the mark, so the connection is free again.
      await markRunner.release();
    }
  }

  /**
   * Marks an e-mail SMTP accepted as sent when its mark at the hand-over did not get written, retrying
   * through a database blip. Should the database stay away, the row keeps its lease (it stays `sending`),
   * so no other sender takes it before the lease runs out; SMTP has no idempotency to close the rest of
   * the window (docs/operations.md), though the stable Message-ID lets a receiver see a repeat.
   */
  private async markSent(notificationId: string, messageId: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.notifications.markSent(this.dataSource.manager, notificationId, messageId);
        return;
      } catch (error) {
        if (attempt >= MARK_SENT_RETRIES) {
          this.logger.error({
            message: 'e-mail sent but not marked sent; it stays leased',
            notificationId,
            error: (error as Error).message,
          });
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }

  /** The feature's hook once its e-mail went out; it never turns a sent e-mail into a failure. */
  private async afterSent(kind: { renderer: KindRenderer }, notification: NotificationRow): Promise<void> {
    try {
      await kind.renderer.afterSent?.(notification as never);
    } catch (error) {
      this.logger.warn({
        message: 'after-sent hook failed',
        notificationId: notification.id,
        error: (error as Error).message,
      });
    }
  }

  private kindOf(notification: NotificationRow): { name: NotificationKind; renderer: KindRenderer } {
    const name = notification.kind;
    const renderer = isNotificationKind(name) ? this.renderers.rendererOf(name) : undefined;
    if (!renderer) throw new UnrecoverableError(`no renderer for ${name} e-mails`);
    return { name: name as NotificationKind, renderer };
  }

  /** The customer an e-mail to a customer goes to; null for e-mails to staff. */
  private async customerOf(
    notification: NotificationRow,
    kind: { name: NotificationKind; renderer: KindRenderer },
  ): Promise<string | null> {
    if (NOTIFICATION_AUDIENCES[kind.name] !== 'customer') return null;
    const customerId =
      notification.subjectIds.customerId ?? (await kind.renderer.customerOf?.(notification as never)) ?? null;
    if (!customerId) throw new UnrecoverableError(`notification ${notification.id} names no customer`);
    return customerId;
  }

  private messageIdDomain(): string {
    const match = /@([^>\s]+)>?\s*$/.exec(this.config.mailFrom);
    return match?.[1] ?? 'ladder.local';
  }
}
