import type { RenderedEmail } from '#mail';
import { NotificationRenderers, RegisteredRenderer, type NotificationOf } from '#notifications';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { HuddleService } from '../huddle.service.js';
import { renderHuddleDigest } from './huddle-digest.template.js';

/** A store's daily huddle digest, for the day the notification names. */
@Injectable()
export class HuddleDigestRenderer extends RegisteredRenderer<'huddle-digest'> {
  readonly kind = 'huddle-digest';

  constructor(
    renderers: NotificationRenderers,
    private readonly huddle: HuddleService,
  ) {
    super(renderers);
  }

  async render(notification: NotificationOf<'huddle-digest'>): Promise<RenderedEmail> {
    const { storeId, day } = notification.subjectIds;
    const digest = await this.huddle.digest(storeId, day);
    if (!digest) throw new UnrecoverableError(`store ${storeId} is no longer in the directory`);
    return renderHuddleDigest(digest);
  }
}
