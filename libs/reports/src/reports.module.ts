import { DirectoryModule } from '#directory';
import { NotificationsModule } from '#notifications';
import { Module } from '@nestjs/common';
import { DashboardReportsService } from './dashboard-reports.service.js';
import { ReportEmails } from './emails/report-emails.js';
import { HuddleService } from './huddle.service.js';
import { NpsReportService } from './nps-report.service.js';
import { OuterLoopService } from './outer-loop.service.js';
import { ReportDeliveryService } from './report-delivery.service.js';
import { ReportSchedulesService } from './report-schedules.service.js';

const SERVICES = [
  DashboardReportsService,
  HuddleService,
  NpsReportService,
  OuterLoopService,
  ReportDeliveryService,
  ReportSchedulesService,
];

/**
 * What managers read: the daily huddle, the weekly outer loop, NPS, the dashboard's people and comment themes;
 * and the e-mails of the first two.
 */
@Module({
  imports: [DirectoryModule, NotificationsModule],
  providers: [...SERVICES, ReportEmails],
  exports: SERVICES,
})
export class ReportsModule {}
