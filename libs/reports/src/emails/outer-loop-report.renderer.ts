import type { RenderedEmail } from '#mail';
import { NotificationRenderers, RegisteredRenderer, type NotificationOf } from '#notifications';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { OuterLoopService } from '../outer-loop.service.js';
import { renderOuterLoopReport } from './outer-loop-report.template.js';

/** A region's weekly report of the root causes that keep coming back. */
@Injectable()
export class OuterLoopReportRenderer extends RegisteredRenderer<'outer-loop-report'> {
  readonly kind = 'outer-loop-report';

  constructor(
    renderers: NotificationRenderers,
    private readonly outerLoop: OuterLoopService,
  ) {
    super(renderers);
  }

  async render(notification: NotificationOf<'outer-loop-report'>): Promise<RenderedEmail> {
    const { regionId, until } = notification.subjectIds;
    const report = await this.outerLoop.report(regionId, new Date(until));
    if (!report) throw new UnrecoverableError(`region ${regionId} is no longer in the directory`);
    return renderOuterLoopReport({ ...report, recipientName: notification.recipientName });
  }
}
