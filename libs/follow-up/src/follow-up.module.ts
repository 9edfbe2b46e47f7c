import { CustomerModelModule } from '#customer-model';
import { DirectoryModule } from '#directory';
import { NotificationsModule } from '#notifications';
import { Module } from '@nestjs/common';
import { CaseActionsService } from './case-actions.service.js';
import { CaseMaintenanceService } from './case-maintenance.service.js';
import { CaseOpeningService } from './case-opening.service.js';
import { CaseQueries } from './case-queries.service.js';
import { FollowUpEmails } from './emails/follow-up-emails.js';
import { EscalationService } from './escalation.service.js';
import { PreferredService } from './preferred-service.js';
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
  PreferredService,
];

/** Closing the loop: opening, working, escalating and recovering follow-up cases, and their e-mails. */
@Module({
  imports: [CustomerModelModule, DirectoryModule, NotificationsModule],
  providers: [...SERVICES, FollowUpEmails],
  exports: SERVICES,
})
export class FollowUpModule {}
