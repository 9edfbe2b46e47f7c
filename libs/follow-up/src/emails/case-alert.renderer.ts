import { LADDER_CONFIG, type LadderConfig } from '#config';
import { StorePolicies } from '#directory';
import type { RenderedEmail } from '#mail';
import { NotificationRenderers, RegisteredRenderer, type NotificationOf } from '#notifications';
import { CaseRepository, CustomerRepository, SurveyAnswerRepository } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { caseUrl } from '../case-links.js';
import { renderCaseAlert } from './case-alert.template.js';

/** The detractor alert to the store's manager, from the case as it is when the e-mail goes out. */
@Injectable()
export class CaseAlertRenderer extends RegisteredRenderer<'case-alert'> {
  readonly kind = 'case-alert';

  constructor(
    renderers: NotificationRenderers,
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly answers: SurveyAnswerRepository,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super(renderers);
  }

  async render(notification: NotificationOf<'case-alert'>): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const { caseId } = notification.subjectIds;
    const followUpCase = await this.cases.find(manager, caseId, { kind: 'all' });
    if (!followUpCase) throw new UnrecoverableError(`case ${caseId} does not exist`);
    const answer = await this.answers.find(manager, followUpCase.openedByEventId);
    if (!answer) throw new UnrecoverableError(`answer ${followUpCase.openedByEventId} does not exist`);
    const customer = await this.customers.find(manager, followUpCase.customerId);
    const store = await this.stores.of(manager, followUpCase.storeId);
    return renderCaseAlert({
      locale: notification.locale,
      timeZone: store.timeZone,
      caseUrl: caseUrl(this.config, caseId),
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
}
