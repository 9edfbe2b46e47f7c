import { CustomerModelModule } from '#customer-model';
import { DirectoryModule } from '#directory';
import { NotificationsModule } from '#notifications';
import { Module } from '@nestjs/common';
import { CaseActionsService } from './case-actions.service.js';
import { CaseMaintenanceService } from './case-maintenance.service.js';
import { CaseOpeningService } from './case-opening.service.js';
import { CaseQueries } from './case-queries.service.js';
import { CaseAlertRenderer } from './emails/case-alert.renderer.js';
import { CaseEscalationRenderer } from './emails/case-escalation.renderer.js';
import { ResurveyRenderer } from './emails/resurvey.renderer.js';
import { EscalationService } from './escalation.service.js';
import { RecoveryService } from './recovery.service.js';
import { ResurveyAnswers } from './resurvey-answers.service.js';
import { ResurveyService } from './resurvey.service.js';

const SERVICES = [
  CaseOpeningService,
  CaseActionsService,
  CaseQueries,
  CaseMaintenanceService,
  EscalationService,
  RecoveryService,
  ResurveyService,
  ResurveyAnswers,
];

/** Closing the loop: opening, working, escalating and recovering follow-up cases, and their e-mails. */
@Module({
  imports: [CustomerModelModule, DirectoryModule, NotificationsModule],
  providers: [...SERVICES, CaseAlertRenderer, CaseEscalationRenderer, ResurveyRenderer],
  exports: SERVICES,
})
export class FollowUpModule {}
