import { LadderError, type ApiErrorBody, type RefusalKind } from '#contracts';
import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiException } from './api.exception.js';

const CODES_BY_STATUS: Partial<Record<number, string>> = {
  400: 'invalid-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

const STATUS_BY_KIND: Record<RefusalKind, HttpStatus> = {
  'invalid-request': HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
};

/** Every failed call answers `{ error: { code, message } }`; unexpected errors are logged, never leaked. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const { status, body } = this.toBody(exception, request);
    // Already answered (503 `timeout` when the request ran past LADDER_REQUEST_TIMEOUT): nothing more to say.
    if (response.headersSent) return;
    response.status(status).json(body);
  }

  private toBody(exception: unknown, request: Request): { status: number; body: ApiErrorBody } {
    if (exception instanceof LadderError) {
      const { code, message, details } = exception;
      return {
        status: STATUS_BY_KIND[exception.kind],
        body: { error: { code, message, ...(details === undefined ? {} : { details }) } },
      };
    }
    if (exception instanceof ApiException) {
      return { status: exception.getStatus(), body: exception.getResponse() as ApiErrorBody };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? (response as { message: string[] }).message.join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      return { status, body: { error: { code: CODES_BY_STATUS[status] ?? 'error', message } } };
    }
    this.logger.error({
      message: 'unexpected error serving a request',
      method: request.method,
      route: request.route?.path ?? request.path,
      error: exception instanceof Error ? exception.stack : String(exception),
    });
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        error: { code: 'internal-error', message: 'Something went wrong on our side; it has been logged.' },
      },
    };
  }
}
