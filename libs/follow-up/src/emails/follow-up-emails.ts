import { LADDER_CONFIG, type LadderConfig } from '#config';
import { StorePolicies } from '#directory';
import { LinkSigner, type RenderedEmail } from '#mail';
import {
  customerUnsubscribeUrl,
  NotificationRenderers,
  type NotificationOf,
  type RenderContext,
} from '#notifications';
import { LadderMetrics } from '#observability';
import { CaseRepository, CustomerRepository, SurveyAnswerRepository, type CaseRecord } from '#persistence';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { caseUrl } from '../case-links.js';
import { renderCaseAlert } from './case-alert.template.js';
import { renderCaseEscalation } from './case-escalation.template.js';
import { renderResurvey } from './resurvey.template.js';

/** How long a re-survey link works. */
const RESURVEY_LINK_SECONDS = 30 * 86_400;

/**
 * The follow-up's e-mails, written from the case as it is when each goes out: the detractor alert to the
 * store's manager, the escalation to the next manager up, and the customer's re-survey.
 */
@Injectable()
export class FollowUpEmails implements OnModuleInit {
  /**
   * When each alert's answer reached Kafka, kept from its rendering for the latency it measures once sent,
   * by the notification the sender renders and hands back (three reads fewer per alert); gone with it.
   */
  private readonly alertAnswerProducedAt = new WeakMap<object, Date | null>();

  constructor(
    private readonly renderers: NotificationRenderers,
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly answers: SurveyAnswerRepository,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly metrics: LadderMetrics,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  onModuleInit(): void {
    this.renderers.register(
      {
        'case-alert': (notification) => this.caseAlert(notification),
        'case-escalation': (notification) => this.caseEscalation(notification),
        resurvey: (notification, context) => this.resurvey(notification, context),
      },
      {
        // Re-surveys scheduled before they named their customer: the case's customer.
        customerOf: {
          resurvey: async (notification) => (await this.caseOf(notification.subjectIds.caseId)).customerId,
        },
        // How long a detractor waited, from their answer's arrival to their manager's alert.
        afterSent: {
          'case-alert': async (notification) => {
            // Known from the rendering of this very e-mail; read again only for one rendered elsewhere.
            const producedAt = this.alertAnswerProducedAt.has(notification)
              ? this.alertAnswerProducedAt.get(notification)!
              : ((await this.caseContext(notification.subjectIds.caseId)).answer?.producedAt ?? null);
            const seconds = LadderMetrics.secondsSince(producedAt);
            if (seconds !== null) this.metrics.detractorAlertLatency.observe(seconds);
          },
        },
      },
    );
  }

  private async caseAlert(notification: NotificationOf<'case-alert'>): Promise<RenderedEmail> {
    const followUpCase = await this.caseOf(notification.subjectIds.caseId);
    const [{ answer, store }, customer] = await Promise.all([
      this.contextOf(followUpCase),
      this.customers.find(this.dataSource.manager, followUpCase.customerId),
    ]);
    if (!answer) throw new UnrecoverableError(`answer ${followUpCase.openedByEventId} does not exist`);
    this.alertAnswerProducedAt.set(notification, answer.producedAt ?? null);
    return renderCaseAlert({
      locale: notification.locale,
      timeZone: store.timeZone,
      caseUrl: caseUrl(this.config, followUpCase.id),
      storeId: followUpCase.storeId,
      storeName: store.name,
      unknownStore: !store.known,
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

  private async caseEscalation(notification: NotificationOf<'case-escalation'>): Promise<RenderedEmail> {
    const { to, level } = notification.subjectIds;
    const { followUpCase, answer, store } = await this.caseContext(notification.subjectIds.caseId);
    return renderCaseEscalation({
      locale: notification.locale,
      timeZone: store.timeZone,
      caseUrl: caseUrl(this.config, followUpCase.id),
      storeName: store.label,
      recipientName: notification.recipientName,
      to: to === 'regional-manager' ? 'regional-manager' : 'store-manager',
      level: Number(level ?? 1),
      customerId: followUpCase.customerId,
      score: answer?.score ?? 0,
      comment: answer?.comment ?? null,
      dueAt: followUpCase.dueAt,
      ownerName: followUpCase.ownerName,
      status: followUpCase.status,
    });
  }

  private async resurvey(
    notification: NotificationOf<'resurvey'>,
    context: RenderContext,
  ): Promise<RenderedEmail> {
    const followUpCase = await this.caseOf(notification.subjectIds.caseId);
    const store = await this.stores.of(this.dataSource.manager, followUpCase.storeId);
    const expires = Math.floor(Date.now() / 1000) + RESURVEY_LINK_SECONDS;
    const token = new LinkSigner(this.config.signing).sign({
      purpose: 'resurvey',
      subject: followUpCase.id,
      expires,
    });
    return renderResurvey({
      locale: notification.locale,
      customerName: notification.recipientName,
      storeName: store.label,
      answerUrl: `${this.config.publicUrl}/r/${token}`,
      unsubscribeUrl: customerUnsubscribeUrl(notification, context),
    });
  }

  /** The case as its e-mails tell it: the case, the answer that opened it, and its store. */
  private async caseContext(caseId: string) {
    const followUpCase = await this.caseOf(caseId);
    return { followUpCase, ...(await this.contextOf(followUpCase)) };
  }

  /** The answer that opened a case and its store, read side by side. */
  private async contextOf(followUpCase: CaseRecord) {
    const manager = this.dataSource.manager;
    const [answer, store] = await Promise.all([
      this.answers.find(manager, followUpCase.openedByEventId),
      this.stores.of(manager, followUpCase.storeId),
    ]);
    return { answer, store };
  }

  private async caseOf(caseId: string): Promise<CaseRecord> {
    const followUpCase = await this.cases.find(this.dataSource.manager, caseId, { kind: 'all' });
    if (!followUpCase) throw new UnrecoverableError(`case ${caseId} does not exist`);
    return followUpCase;
  }
}
