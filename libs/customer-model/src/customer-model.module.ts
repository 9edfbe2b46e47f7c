import { LADDER_CONFIG, type LadderConfig } from '#config';
import { DirectoryModule } from '#directory';
import { Module } from '@nestjs/common';
import { ContactBudgetService } from './contact-budget.service.js';
import {
  CONTACT_RULES,
  contactRules,
  CUSTOMER_MODEL_RULES,
  customerModelRules,
} from './customer-model.rules.js';
import { CustomerLists } from './customer-lists.service.js';
import { CustomerModelReports } from './customer-model-reports.service.js';
import { CustomerModelService } from './customer-model.service.js';
import { CustomerProfiles } from './customer-profile.service.js';
import { CustomerSweepsService } from './customer-sweeps.service.js';
import { TRIAGE_RULES, triageRulesProvider } from './triage-rules.provider.js';

@Module({
  imports: [DirectoryModule],
  providers: [
    { provide: CUSTOMER_MODEL_RULES, inject: [LADDER_CONFIG], useFactory: customerModelRules },
    {
      provide: CONTACT_RULES,
      inject: [LADDER_CONFIG],
      useFactory: (config: LadderConfig) => contactRules(config),
    },
    CustomerModelService,
    ContactBudgetService,
    CustomerSweepsService,
    CustomerProfiles,
    CustomerModelReports,
    CustomerLists,
    triageRulesProvider,
  ],
  exports: [
    CUSTOMER_MODEL_RULES,
    CONTACT_RULES,
    TRIAGE_RULES,
    CustomerModelService,
    ContactBudgetService,
    CustomerSweepsService,
    CustomerProfiles,
    CustomerModelReports,
    CustomerLists,
  ],
})
export class CustomerModelModule {}
