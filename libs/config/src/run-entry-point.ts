/** Errors that carry a message meant for the person starting Ladder: printed as they are, no stack. */
interface OperatorError {
  code: string;
  message: string;
}

const OPERATOR_ERROR_CODES = new Set([
  'invalid-configuration',
  'invalid-directory',
  'invalid-triage-rules',
  'schema-behind',
  'group-active',
]);

function isOperatorError(error: unknown): error is OperatorError {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && OPERATOR_ERROR_CODES.has(code);
}

/**
 * Runs a command's main function. A problem the operator can fix (configuration, directory, schema) is
 * printed as one clear message with exit status 2; anything else with its stack and status 1.
 */
export async function runEntryPoint(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (isOperatorError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}
