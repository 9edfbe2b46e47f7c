import { type PipeTransform, StandardSchemaValidationPipe } from '@nestjs/common';
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

/** The first path in `value` whose text holds a NUL character, which no PostgreSQL text column can keep. */
function nulAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulAt(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulAt(key, path) ?? nulAt(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses any parameter, query or body text with a NUL character, before any schema or handler sees it: it
 * could be neither stored nor looked up, and would otherwise reach PostgreSQL as an error of ours.
 */
export class TextWithoutNulPipe implements PipeTransform {
  transform(value: unknown, metadata: { type: string; data?: string }): unknown {
    const at = nulAt(value, metadata.data ?? '');
    if (at !== null)
      throw ApiException.invalidRequest(`${at || metadata.type}: text may not hold a NUL character`, {
        fields: [{ path: at || '(request)', message: 'may not hold a NUL character' }],
      });
    return value;
  }
}
