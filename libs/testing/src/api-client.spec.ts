import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callApi } from './api-client.js';

/** A stand-in for Ladder on the loopback: a small OpenAPI document, and answers that keep it or break it. */
const DOCUMENT = {
  openapi: '3.1.1',
  info: { title: 'test', version: '0' },
  paths: {
    '/api/things/{id}': {
      get: {
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          default: {
            description: 'error',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
          },
        },
      },
    },
    '/health/live': { get: { responses: { '200': { description: 'Not described' } } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
        required: ['id', 'at'],
        additionalProperties: false,
      },
      ApiError: {
        type: 'object',
        properties: {
          error: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
        },
        required: ['error'],
      },
    },
  },
};

const ANSWERS: Record<string, [number, unknown]> = {
  '/api/docs/openapi.json': [200, DOCUMENT],
  '/api/things/good': [200, { id: 'good', at: '2026-12-01T10:00:00.000Z' }],
  '/api/things/extra': [200, { id: 'extra', at: '2026-12-01T10:00:00.000Z', secret: 'leaked' }],
  '/api/things/bad-date': [200, { id: 'bad-date', at: 'yesterday' }],
  '/api/things/gone': [404, { error: { code: 'not-found' } }],
  '/api/elsewhere': [200, { anything: true }],
  '/health/live': [200, { status: 'ok' }],
};

describe('callApi checks every JSON answer against the OpenAPI document of the server it calls', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const [status, body] = ANSWERS[request.url!.split('?')[0]!] ?? [404, { error: { message: 'no code' } }];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes an answer the document describes, whatever its status, and leaves it as it was', async () => {
    const good = await callApi(url, '/api/things/good?fields=all');
    expect(good).toMatchObject({ status: 200, body: { id: 'good' } });
    expect((await callApi(url, '/api/things/gone')).status).toBe(404);
    // A route that says nothing of its answer is not checked.
    expect((await callApi(url, '/health/live')).body).toEqual({ status: 'ok' });
  });

  it('fails with the path and what is wrong when the answer breaks the schema', async () => {
    await expect(callApi(url, '/api/things/extra')).rejects.toThrow(
      /GET \/api\/things\/extra answered 200: .*\/api\/things\/\{id\}[\s\S]*must NOT have additional properties[\s\S]*secret/,
    );
    await expect(callApi(url, '/api/things/bad-date')).rejects.toThrow(/\/at must match format "date-time"/);
  });

  it('fails on a success the document does not have, and checks an error there against the error body', async () => {
    await expect(callApi(url, '/api/elsewhere')).rejects.toThrow(/the OpenAPI document has no such route/);
    await expect(callApi(url, '/api/nowhere')).rejects.toThrow(/must have required property 'code'/);
  });
});
