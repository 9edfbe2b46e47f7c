/** The directory file cannot be used: says where and why, every problem at once. */
export class DirectoryError extends Error {
  readonly code = 'invalid-directory';

  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(
      `The directory ${source} cannot be used:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'DirectoryError';
  }
}
