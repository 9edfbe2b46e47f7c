import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { LadderConfig } from './ladder-config.js';

/** The injection token of the validated configuration. */
export const LADDER_CONFIG = Symbol('LADDER_CONFIG');

/** Makes the configuration, validated once by the entry point, injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forConfig(config: LadderConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: LADDER_CONFIG, useValue: config }],
      exports: [LADDER_CONFIG],
    };
  }
}
