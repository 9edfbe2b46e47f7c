import { z } from 'zod';

/** The body of every failed API call: a stable machine code and a sentence for a person. */
export const apiErrorBodySchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'A stable machine code: `invalid-request`, `not-found`, `conflict`, …' }),
      message: z.string().meta({ description: 'A sentence for a person.' }),
      details: z
        .unknown()
        .optional()
        .meta({ description: 'For `invalid-request`: `{ fields: [{ path, message }] }`.' }),
    }),
  })
  .meta({ id: 'ApiError', description: 'The body of every failed API call.' });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** What kind of refusal an error is: the API answers each with its own HTTP status. */
export type RefusalKind = 'invalid-request' | 'not-found' | 'conflict' | 'forbidden';

/**
 * A refusal a person can act on, with a stable machine code (the `code` of the API's error body). Every
 * feature's own error type is one of these, so the API maps them all without knowing each feature.
 */
export class LadderError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Also what a caller gets for something outside their scope: it does not exist for them. */
  static notFound(what: string): LadderError {
    return new LadderError('not-found', 'not-found', `${what} was not found`);
  }

  static invalidRequest(message: string, details?: unknown): LadderError {
    return new LadderError('invalid-request', 'invalid-request', message, details);
  }
}
