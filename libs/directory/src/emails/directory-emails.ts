import { LADDER_CONFIG, type LadderConfig } from '#config';
import { NotificationRenderers } from '#notifications';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { renderUnknownStore } from './unknown-store.template.js';

/** The directory's e-mail: an admin told, once per store, of events for a store the directory does not list. */
@Injectable()
export class DirectoryEmails implements OnModuleInit {
  constructor(
    private readonly renderers: NotificationRenderers,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  onModuleInit(): void {
    this.renderers.register({
      'unknown-store': async ({ subjectIds: { storeId } }) =>
        renderUnknownStore({
          storeId,
          directoryHint: this.config.directoryPath
            ? `Add it to the directory file (${this.config.directoryPath}) and restart, or import it with "ladder directory import".`
            : 'Add it to the directory and import it with "ladder directory import <file>".',
        }),
    });
  }
}
