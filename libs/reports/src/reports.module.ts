import { Global, Module } from '@nestjs/common';
import { HuddleService } from './huddle.service.js';
import { OuterLoopService } from './outer-loop.service.js';
import { ReportSchedulesService } from './report-schedules.service.js';

const SERVICES = [HuddleService, OuterLoopService, ReportSchedulesService];

@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class ReportsModule {}
