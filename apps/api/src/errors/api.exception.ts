import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiErrorBody } from '#contracts';

/** An API error with a stable machine code; the filter turns it into the JSON error body. */
export class ApiException extends HttpException {
  constructor(
    readonly code: string,
    message: string,
    status: HttpStatus,
    readonly details?: unknown,
  ) {
    super(
      { error: { code, message, ...(details === undefined ? {} : { details }) } } satisfies ApiErrorBody,
      status,
    );
  }

  static notFound(what: string): ApiException {
    return new ApiException('not-found', `${what} was not found`, HttpStatus.NOT_FOUND);
  }

  static invalidRequest(message: string, details?: unknown): ApiException {
    return new ApiException('invalid-request', message, HttpStatus.BAD_REQUEST, details);
  }

  static forbidden(message: string): ApiException {
    return new ApiException('forbidden', message, HttpStatus.FORBIDDEN);
  }
}
