import { z } from 'zod';

/** `GET /api/docs/openapi.json`: this API's OpenAPI 3.1 document, made from its routes and these schemas. */
export const openApiDocumentDtoSchema = z
  .looseObject({
    openapi: z.string().regex(/^3\.1\.\d+$/),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
  })
  .meta({
    id: 'OpenApiDocument',
    description: 'An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1).',
  });
