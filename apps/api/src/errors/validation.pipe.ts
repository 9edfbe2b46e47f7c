import { StandardSchemaValidationPipe } from '@nestjs/common';
import { ApiException } from './api.exception.js';

/**
 * Validates every parameter that declares a schema (`@Query({ schema })`, `@Body({ schema })`) and answers
 * a bad request with the field paths and what is wrong with each.
 */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) => {
      const fields = issues.map((issue) => ({
        path:
          issue.path
            ?.map((segment) =>
              typeof segment === 'object' && segment !== null ? String(segment.key) : String(segment),
            )
            .join('.') || '(request)',
        message: issue.message,
      }));
      return ApiException.invalidRequest(
        fields.map((field) => `${field.path}: ${field.message}`).join('; '),
        { fields },
      );
    },
  });
}
