import SwaggerParser from '@apidevtools/swagger-parser';
import { API_CONTROLLERS } from '../api.module.js';
import { apiRoutesOf } from './api-routes.js';
import { buildOpenApiDocument } from './openapi-document.js';

// The document is plain JSON: the tests walk it as such.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The document made from the API's controllers alone, without starting anything (the e2e test serves it). */
describe('the OpenAPI document generated from the controllers', () => {
  const routes = apiRoutesOf(API_CONTROLLERS);
  const document = buildOpenApiDocument(routes, '0.0.0-test');
  const operation = (path: string, method: string) => document.paths[path]?.[method] as Json;

  it('is valid OpenAPI 3.1', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('declares what every route of the API answers (health and metrics excepted, described elsewhere)', () => {
    const undeclared = routes
      .filter((route) => route.answers.length === 0 && !route.redirect)
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(undeclared.filter((route) => !/ \/(health|metrics)\b/.test(route))).toEqual([]);
  });

  it('takes a query schema apart into its parameters, with what the validation pipe accepts', () => {
    const list = operation('/api/cases', 'get');
    const limit = list.parameters.find((parameter: { name: string }) => parameter.name === 'limit');
    expect(limit).toEqual({
      name: 'limit',
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
    });
    const status = list.parameters.find((parameter: { name: string }) => parameter.name === 'status');
    expect(status.schema.enum).toEqual(expect.arrayContaining(['active', 'open', 'resolved']));
    expect(list.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CasePage',
    });
  });

  it('says a body is optional when its schema takes none', () => {
    expect(operation('/api/cases/{id}/claim', 'post').requestBody.required).toBe(false);
    expect(operation('/api/cases/{id}/resolve', 'post').requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { required: ['rootCause', 'actionTaken'] } } },
    });
  });

  it('asks for a token or the session cookie except on public routes, and names the roles a route needs', () => {
    const close = operation('/api/cases/{id}/close', 'post');
    expect(close.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(close['x-required-roles']).toEqual(['manager', 'admin']);
    expect(Object.keys(close.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', 'default']),
    );
    expect(operation('/api/dead-letters', 'get')['x-required-roles']).toEqual(['admin']);
    expect(operation('/api/docs/openapi.json', 'get').security).toEqual([]);
    expect(operation('/join/{token}', 'get').responses['410'].content).toHaveProperty('text/html');
  });

  it('keeps each named schema once, as a component, with the descriptions of its fields', () => {
    const schemas = document.components.schemas as Json;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        'Case',
        'CasePage',
        'Customer',
        'NpsReport',
        'Referral',
        'ApiError',
        'Instant',
      ]),
    );
    expect(schemas.Case.properties.allowedActions.description).toMatch(/what the caller can do/i);
    expect(JSON.stringify(document)).not.toContain('#/$defs/');
  });
});
