/** A call to Redis or Kafka that did not answer in time. Transient: the same call may well work later. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  readonly code = 'ETIMEDOUT';

  constructor(what: string, milliseconds: number) {
    super(`${what} did not answer within ${milliseconds} ms (timeout)`);
  }
}

/**
 * Waits for `work` at most `milliseconds`. The work itself is not cancelled (a Redis command queued on a
 * paused server still runs later), so it must be safe to repeat: every call Ladder bounds this way is
 * idempotent (jobs by their id, Kafka messages by their event id).
 */
export async function withDeadline<Result>(
  work: Promise<Result>,
  milliseconds: number,
  what: string,
): Promise<Result> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(what, milliseconds)), milliseconds);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    // A late failure of abandoned work must not become an unhandled rejection.
    work.catch(() => undefined);
  }
}
