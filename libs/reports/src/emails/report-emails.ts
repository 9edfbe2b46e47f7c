import { NotificationRenderers } from '#notifications';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { HuddleService } from '../huddle.service.js';
import { OuterLoopService } from '../outer-loop.service.js';
import { renderHuddleDigest } from './huddle-digest.template.js';
import { renderOuterLoopReport } from './outer-loop-report.template.js';

/** The reports' e-mails: a store's daily huddle digest, and a region's weekly outer-loop report. */
@Injectable()
export class ReportEmails implements OnModuleInit {
  constructor(
    private readonly renderers: NotificationRenderers,
    private readonly huddle: HuddleService,
    private readonly outerLoop: OuterLoopService,
  ) {}

  onModuleInit(): void {
    this.renderers.register({
      'huddle-digest': async ({ subjectIds: { storeId, day } }) => {
        const digest = await this.huddle.digest(storeId, day);
        if (!digest) throw new UnrecoverableError(`store ${storeId} is no longer in the directory`);
        return renderHuddleDigest(digest);
      },
      'outer-loop-report': async ({ subjectIds: { regionId, until }, recipientName }) => {
        const report = await this.outerLoop.report(regionId, new Date(until));
        if (!report) throw new UnrecoverableError(`region ${regionId} is no longer in the directory`);
        return renderOuterLoopReport({ ...report, recipientName });
      },
    });
  }
}
