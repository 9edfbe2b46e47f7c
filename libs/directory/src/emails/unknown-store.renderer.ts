import { LADDER_CONFIG, type LadderConfig } from '#config';
import type { RenderedEmail } from '#mail';
import { NotificationRenderers, RegisteredRenderer, type NotificationOf } from '#notifications';
import { Inject, Injectable } from '@nestjs/common';
import { renderUnknownStore } from './unknown-store.template.js';

/** Tells an admin, once per store, that events arrive for a store the directory does not list. */
@Injectable()
export class UnknownStoreRenderer extends RegisteredRenderer<'unknown-store'> {
  readonly kind = 'unknown-store';

  constructor(
    renderers: NotificationRenderers,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    super(renderers);
  }

  async render(notification: NotificationOf<'unknown-store'>): Promise<RenderedEmail> {
    return renderUnknownStore({
      storeId: notification.subjectIds.storeId,
      directoryHint: this.config.directoryPath
        ? `Add it to the directory file (${this.config.directoryPath}) and restart, or import it with "ladder directory import".`
        : 'Add it to the directory and import it with "ladder directory import <file>".',
    });
  }
}
