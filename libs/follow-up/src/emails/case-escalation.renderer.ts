import { LADDER_CONFIG, type LadderConfig } from '#config';
import { StorePolicies } from '#directory';
import type { RenderedEmail } from '#mail';
import { NotificationRenderers, RegisteredRenderer, type NotificationOf } from '#notifications';
import { CaseRepository, SurveyAnswerRepository } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { caseUrl } from '../case-links.js';
import { renderCaseEscalation } from './case-escalation.template.js';

/** A case past its due time, to the next manager up. */
@Injectable()
export class CaseEscalationRenderer extends RegisteredRenderer<'case-escalation'> {
  readonly kind = 'case-escalation';

  constructor(
    renderers: NotificationRenderers,
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly answers: SurveyAnswerRepository,
    private readonly stores: StorePolicies,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super(renderers);
  }

  async render(notification: NotificationOf<'case-escalation'>): Promise<RenderedEmail> {
    const manager = this.dataSource.manager;
    const { caseId, to, level } = notification.subjectIds;
    const followUpCase = await this.cases.find(manager, caseId, { kind: 'all' });
    if (!followUpCase) throw new UnrecoverableError(`case ${caseId} does not exist`);
    const answer = await this.answers.find(manager, followUpCase.openedByEventId);
    const store = await this.stores.of(manager, followUpCase.storeId);
    return renderCaseEscalation({
      locale: notification.locale,
      timeZone: store.timeZone,
      caseUrl: caseUrl(this.config, caseId),
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
}
