import { LADDER_CONFIG, type LadderConfig } from '#config';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DirectoryService } from './directory.service.js';

/** Imports LADDER_DIRECTORY at start-up, when it is set; a bad file stops the start with its problems. */
@Injectable()
export class DirectoryLoader implements OnModuleInit {
  constructor(
    private readonly directory: DirectoryService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.directoryPath) await this.directory.importFile(this.config.directoryPath);
  }
}
