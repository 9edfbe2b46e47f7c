import { Global, Module } from '@nestjs/common';
import { CaseActionsService } from './case-actions.service.js';
import { CaseMaintenanceService } from './case-maintenance.service.js';
import { EscalationService } from './escalation.service.js';
import { RecoveryService } from './recovery.service.js';
import { ResurveyService } from './resurvey.service.js';

const SERVICES = [
  CaseActionsService,
  CaseMaintenanceService,
  EscalationService,
  RecoveryService,
  ResurveyService,
];

@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class FollowUpModule {}
