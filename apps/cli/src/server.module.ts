import type { LadderConfig } from '#config';
import { coreModules } from '#runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import { API_CONTROLLERS, API_PROVIDERS } from '../../api/src/api.module.js';
import { workerProviders } from '../../worker/src/worker.module.js';

/** The API and the worker roles in one application, on one set of connections: what `ladder start` runs. */
@Module({})
export class ServerModule {
  static forConfig(config: LadderConfig): DynamicModule {
    return {
      module: ServerModule,
      imports: coreModules(config, 'ladder'),
      controllers: API_CONTROLLERS,
      providers: [...API_PROVIDERS, ...workerProviders(config)],
    };
  }
}
