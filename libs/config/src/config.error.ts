export interface ConfigProblem {
  key: string;
  message: string;
}

/** Invalid configuration: names every bad key at once, so one restart fixes them all. */
export class ConfigError extends Error {
  readonly code = 'invalid-configuration';

  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  ${problem.key}: ${problem.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
