/**
 * Whether an error is worth retrying as it is: the database, Redis or Kafka being away or busy, a deadlock
 * or a serialization conflict. Anything else (bad data, a violated constraint) will fail the same way again.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // PostgreSQL SQLSTATE classes: 22 data exception and 23 integrity violation are about the data.
    if (/^[0-9A-Z]{5}$/.test(code)) return !code.startsWith('22') && !code.startsWith('23');
    if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE…
  }
  const driverError = (error as { driverError?: unknown }).driverError;
  if (driverError && driverError !== error) return isTransientError(driverError);
  // kafkajs gives up after its own retries with the last error as the cause (a leader that moved, a broker away).
  if (error.name === 'KafkaJSNumberOfRetriesExceeded' && error.cause && error.cause !== error)
    return isTransientError(error.cause);
  if ((error as { retriable?: unknown }).retriable === true) return true; // kafkajs
  return /connection|timeout|terminat|ECONN|socket|closed/i.test(error.message);
}

/** A PostgreSQL data exception (22xxx) or integrity violation (23xxx): this data can never be stored. */
export function isDataError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code =
    (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
