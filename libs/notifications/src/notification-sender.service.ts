import { LADDER_CONFIG, type LadderConfig } from '#config';
import {
  MailTransportService,
  PermanentMailError,
  renderCaseAlert,
  renderLoyaltyInvitation,
  renderUnknownStore,
  renderCaseEscalation,
  renderHuddleDigest,
  renderOuterLoopReport,
  renderLoyaltyWelcome,
  renderReferralReward,
  renderResurvey,
  signLink,
  type RenderedEmail,
} from '#mail';
import { LoyaltyLinks } from '#loyalty';
import {
  CaseRepository,
  CUSTOMER_NOTIFICATION_KINDS,
  CustomerRepository,
  DirectoryRepository,
  LoyaltyRepository,
  NotificationRepository,
  RewardRepository,
  type NotificationRow,
  type RewardRecord,
} from '#persistence';
import { HuddleService, OuterLoopService } from '#reports';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';

export type SendOutcome =
  | { outcome: 'sent'; messageId: string }
  | { outcome: 'already-sent' }
  /** The customer unsubscribed before the e-mail went out: it never will. */
  | { outcome: 'suppressed' };

/** How long a re-survey link works. */
const RESURVEY_LINK_SECONDS = 30 * 86_400;

/** Long enough for any SMTP exchange; a sender that died holding it frees the e-mail when it runs out. */
const LEASE_MS = 120_000;

/**
 * Sends one notification. The row decides: an e-mail already sent is never sent again, and one being sent
 * by another worker is left to it. The content is rendered now, from the current data.
 */
@Injectable()
export class NotificationSenderService {
  private readonly logger = new Logger(NotificationSenderService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly cases: CaseRepository,
    private readonly customers: CustomerRepository,
    private readonly directory: DirectoryRepository,
    private readonly loyalty: LoyaltyRepository,
    private readonly rewards: RewardRepository,
    private readonly links: LoyaltyLinks,
    private readonly mail: MailTransportService,
    private readonly huddle: HuddleService,
    private readonly outerLoop: OuterLoopService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

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
    try {
      const customerId = await this.customerOf(notification);
      if (customerId !== null) {
        const customer = await this.customers.find(manager, customerId);
        if (customer?.unsubscribedAt) {
          await this.notifications.markSuppressed(manager, notification.id, 'the customer unsubscribed');
          this.logger.log({
            message: 'e-mail not sent: the customer unsubscribed',
            notificationId: notification.id,
            kind: notification.kind,
          });
          return { outcome: 'suppressed' };
        }
      }
      const unsubscribeUrl = customerId === null ? null : this.links.unsubscribeUrl(customerId);
      const email = await this.render(notification, unsubscribeUrl);
      const messageId = await this.mail.send({
        to: { name: notification.recipientName, address: notification.recipientEmail },
        ...email,
        messageId: `<${notification.id}@${this.messageIdDomain()}>`,
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
      });
      await this.notifications.markSent(manager, notification.id, messageId);
      this.logger.log({ message: 'e-mail sent', notificationId: notification.id, kind: notification.kind });
      return { outcome: 'sent', messageId };
    } catch (error) {
      const permanent = error instanceof PermanentMailError || error instanceof UnrecoverableError;
      const final = permanent || finalAttempt;
      await this.notifications.markAttemptFailed(manager, notification.id, (error as Error).message, final);
      this.logger.warn({
        message: final ? 'e-mail failed for good' : 'e-mail attempt failed; it will be retried',
        notificationId: notification.id,
        kind: notification.kind,
        attempt: notification.attempts,
        error: (error as Error).message,
      });
      if (permanent) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }

  /** The customer a customer e-mail goes to; null for e-mails to staff. */
  private async customerOf(notification: NotificationRow): Promise<string | null> {
    if (!CUSTOMER_NOTIFICATION_KINDS.includes(notification.kind)) return null;
    if (notification.subjectIds.customerId) return notification.subjectIds.customerId;
    // Re-surveys scheduled before they named their customer.
    const caseId = notification.subjectIds.caseId;
    const followUpCase = caseId
      ? await this.cases.find(this.dataSource.manager, caseId, { kind: 'all' })
      : null;
    if (!followUpCase) throw new UnrecoverableError(`notification ${notification.id} names no customer`);
    return followUpCase.customerId;
  }

  private async render(notification: NotificationRow, unsubscribeUrl: string | null): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const customerLink = () => {
      if (unsubscribeUrl === null)
        throw new UnrecoverableError(`a ${notification.kind} e-mail needs a customer`);
      return unsubscribeUrl;
    };
    switch (notification.kind) {
      case 'case-alert': {
        const caseId = notification.subjectIds.caseId!;
        const followUpCase = await this.cases.find(manager, caseId, { kind: 'all' });
        if (!followUpCase) throw new UnrecoverableError(`case ${caseId} does not exist`);
        const answer = await this.cases.findAnswer(manager, followUpCase.openedByEventId);
        if (!answer) throw new UnrecoverableError(`answer ${followUpCase.openedByEventId} does not exist`);
        const customer = await this.customers.find(manager, followUpCase.customerId);
        const store = await this.directory.findStore(manager, followUpCase.storeId);
        return renderCaseAlert({
          locale: notification.locale,
          timeZone: store?.timezone ?? this.config.defaultTimeZone,
          caseUrl: `${this.config.publicUrl}/cases/${encodeURIComponent(caseId)}`,
          storeId: followUpCase.storeId,
          storeName: store?.name ?? null,
          unknownStore: store === null,
          managerName: notification.recipientName,
          customer: {
            id: followUpCase.customerId,
            name: customer?.name ?? null,
            email: customer?.email ?? null,
            phone: customer?.phone ?? null,
          },
          score: answer.score,
          comment: answer.comment,
          answeredAt: answer.occurredAt,
          dueAt: followUpCase.dueAt,
        });
      }
      case 'loyalty-invitation': {
        const customerId = notification.subjectIds.customerId!;
        const invitation = await this.loyalty.findInvitation(manager, customerId);
        if (!invitation) throw new UnrecoverableError(`customer ${customerId} has no invitation`);
        const store = await this.directory.findStore(manager, invitation.storeId);
        const timeZone = store?.timezone ?? this.config.defaultTimeZone;
        const join = this.links.join(customerId, invitation.invitedAt, timeZone);
        return renderLoyaltyInvitation({
          locale: notification.locale,
          timeZone,
          customerName: notification.recipientName,
          storeName: store?.name ?? null,
          referralCode: invitation.referralCode,
          joinUrl: join.url,
          joinBy: join.expiresAt,
          unsubscribeUrl: customerLink(),
        });
      }
      case 'loyalty-welcome': {
        const customerId = notification.subjectIds.customerId!;
        const member = await this.loyalty.findMember(manager, customerId);
        const welcome = await this.rewards.findByReason(manager, customerId, 'welcome');
        if (!member || !welcome) throw new UnrecoverableError(`customer ${customerId} is not a member`);
        const store = await this.directory.findStore(manager, member.storeId);
        return renderLoyaltyWelcome({
          locale: notification.locale,
          timeZone: store?.timezone ?? this.config.defaultTimeZone,
          customerName: notification.recipientName,
          storeName: store?.name ?? null,
          voucher: voucherOf(welcome),
          referralCode: member.referralCode,
          shareUrl: this.links.shareUrl(member.referralCode),
          unsubscribeUrl: customerLink(),
        });
      }
      case 'referral-reward': {
        const customerId = notification.subjectIds.customerId!;
        const reward = await this.rewards.find(manager, notification.subjectIds.rewardId!);
        const invitation = await this.loyalty.findInvitation(manager, customerId);
        if (!reward || !invitation)
          throw new UnrecoverableError(`reward ${notification.subjectIds.rewardId} does not exist`);
        const store = await this.directory.findStore(manager, reward.storeId);
        return renderReferralReward({
          locale: notification.locale,
          timeZone: store?.timezone ?? this.config.defaultTimeZone,
          customerName: notification.recipientName,
          storeName: store?.name ?? null,
          voucher: voucherOf(reward),
          referralCode: invitation.referralCode,
          unsubscribeUrl: customerLink(),
        });
      }
      case 'unknown-store':
        return renderUnknownStore({
          storeId: notification.subjectIds.storeId!,
          directoryHint: this.config.directoryPath
            ? `Add it to the directory file (${this.config.directoryPath}) and restart, or import it with "ladder directory import".`
            : 'Add it to the directory and import it with "ladder directory import <file>".',
        });
      case 'case-escalation': {
        const caseId = notification.subjectIds.caseId!;
        const followUpCase = await this.cases.find(manager, caseId, { kind: 'all' });
        if (!followUpCase) throw new UnrecoverableError(`case ${caseId} does not exist`);
        const answer = await this.cases.findAnswer(manager, followUpCase.openedByEventId);
        const store = await this.directory.findStore(manager, followUpCase.storeId);
        return renderCaseEscalation({
          locale: notification.locale,
          timeZone: store?.timezone ?? this.config.defaultTimeZone,
          caseUrl: `${this.config.publicUrl}/cases/${encodeURIComponent(caseId)}`,
          storeName: store?.name ?? followUpCase.storeId,
          recipientName: notification.recipientName,
          to: notification.subjectIds.to === 'regional-manager' ? 'regional-manager' : 'store-manager',
          level: Number(notification.subjectIds.level ?? 1),
          customerId: followUpCase.customerId,
          score: answer?.score ?? 0,
          comment: answer?.comment ?? null,
          dueAt: followUpCase.dueAt,
          ownerName: followUpCase.ownerName,
          status: followUpCase.status,
        });
      }
      case 'resurvey': {
        const caseId = notification.subjectIds.caseId!;
        const followUpCase = await this.cases.find(manager, caseId, { kind: 'all' });
        if (!followUpCase) throw new UnrecoverableError(`case ${caseId} does not exist`);
        if (!this.config.signingSecret) throw new UnrecoverableError('no signing secret for the answer link');
        const store = await this.directory.findStore(manager, followUpCase.storeId);
        const token = signLink(
          {
            purpose: 'resurvey',
            subject: caseId,
            expires: Math.floor(Date.now() / 1000) + RESURVEY_LINK_SECONDS,
          },
          this.config.signingSecret,
        );
        return renderResurvey({
          locale: notification.locale,
          customerName: notification.recipientName,
          storeName: store?.name ?? followUpCase.storeId,
          answerUrl: `${this.config.publicUrl}/r/${token}`,
          unsubscribeUrl: customerLink(),
        });
      }
      case 'huddle-digest': {
        const digest = await this.huddle.digest(
          notification.subjectIds.storeId!,
          notification.subjectIds.day!,
        );
        if (!digest)
          throw new UnrecoverableError(
            `store ${notification.subjectIds.storeId} is no longer in the directory`,
          );
        return renderHuddleDigest(digest);
      }
      case 'outer-loop-report': {
        const report = await this.outerLoop.report(
          notification.subjectIds.regionId!,
          new Date(notification.subjectIds.until!),
        );
        if (!report)
          throw new UnrecoverableError(
            `region ${notification.subjectIds.regionId} is no longer in the directory`,
          );
        return renderOuterLoopReport({ ...report, recipientName: notification.recipientName });
      }
    }
  }

  private messageIdDomain(): string {
    const match = /@([^>\s]+)>?\s*$/.exec(this.config.mailFrom);
    return match?.[1] ?? 'ladder.local';
  }
}

function voucherOf(reward: RewardRecord) {
  return {
    code: reward.voucherCode,
    amountMinor: reward.amountMinor,
    currency: reward.currency,
    expiresAt: reward.expiresAt,
  };
}
