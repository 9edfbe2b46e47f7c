import { SetMetadata } from '@nestjs/common';
import type { JsonSchemaSource } from './json-schemas.js';

export const ROUTE_ANSWERS = 'ladder:route-answers';
export const ROUTE_FORM_BODY = 'ladder:route-form-body';

/** What one status of a route answers: a JSON body described by a schema, another media type, or nothing. */
export interface RouteAnswer {
  status: number;
  /** The JSON body's schema; absent for a body of `mediaType` or for no body at all. */
  schema?: JsonSchemaSource;
  /** For a body that is not JSON (`text/html`, `text/plain`, …). */
  mediaType?: string;
  description?: string;
}

/** A body that is not JSON, for `@Answers(200, HTML)`. */
export interface MediaType {
  mediaType: string;
}
export const HTML: MediaType = { mediaType: 'text/html' };

/**
 * Declares what a route answers with a status: the OpenAPI document at /api/docs says it, and the end-to-end
 * tests check every real answer against it. A route may declare several statuses, one decorator each; the
 * error body of the statuses the generator knows (400, 401, 403, 404) is added for it.
 *
 * `@Answers(200, caseDtoSchema)`, `@Answers(409, apiErrorBodySchema, 'invalid-transition or conflict')`,
 * `@Answers(200, HTML)`, `@Answers(204)`.
 */
export function Answers(
  status: number,
  body?: JsonSchemaSource | MediaType,
  description?: string,
): MethodDecorator {
  const answer: RouteAnswer = {
    status,
    ...(body === undefined ? {} : 'mediaType' in body ? { mediaType: body.mediaType } : { schema: body }),
    ...(description === undefined ? {} : { description }),
  };
  return (target, key, descriptor) => {
    const answers: RouteAnswer[] = Reflect.getMetadata(ROUTE_ANSWERS, descriptor.value as object) ?? [];
    // Decorators apply bottom-up: keep the order in which they are written.
    SetMetadata(ROUTE_ANSWERS, [answer, ...answers])(target, key, descriptor);
  };
}

/**
 * A route that reads an HTML form (`application/x-www-form-urlencoded`) and checks it itself, rather than
 * through the validation pipe (a customer page answers a bad form with the page again, not with 400).
 */
export const AcceptsForm = (schema: JsonSchemaSource) => SetMetadata(ROUTE_FORM_BODY, schema);
