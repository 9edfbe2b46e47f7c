import { LADDER_CONFIG, type LadderConfig } from '#config';
import { StorePolicies } from '#directory';
import { signLink, type RenderedEmail } from '#mail';
import {
  customerUnsubscribeUrl,
  NotificationRenderers,
  RegisteredRenderer,
  type NotificationOf,
  type RenderContext,
} from '#notifications';
import { CaseRepository } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { renderResurvey } from './resurvey.template.js';

/** How long a re-survey link works. */
const RESURVEY_LINK_SECONDS = 30 * 86_400;

/** Asks a customer again, some days after their case was resolved, with a signed link to one question. */
@Injectable()
export class ResurveyRenderer extends RegisteredRenderer<'resurvey'> {
  readonly kind = 'resurvey';

  constructor(
    renderers: NotificationRenderers,
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly stores: StorePolicies,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super(renderers);
  }

  /** Re-surveys scheduled before they named their customer: the case's customer. */
  async customerOf(notification: NotificationOf<'resurvey'>): Promise<string | null> {
    const followUpCase = await this.cases.find(this.dataSource.manager, notification.subjectIds.caseId, {
      kind: 'all',
    });
    return followUpCase?.customerId ?? null;
  }

  async render(notification: NotificationOf<'resurvey'>, context: RenderContext): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const { caseId } = notification.subjectIds;
    const followUpCase = await this.cases.find(manager, caseId, { kind: 'all' });
    if (!followUpCase) throw new UnrecoverableError(`case ${caseId} does not exist`);
    if (!this.config.signingSecret) throw new UnrecoverableError('no signing secret for the answer link');
    const store = await this.stores.of(manager, followUpCase.storeId);
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
      storeName: store.label,
      answerUrl: `${this.config.publicUrl}/r/${token}`,
      unsubscribeUrl: customerUnsubscribeUrl(notification, context),
    });
  }
}
