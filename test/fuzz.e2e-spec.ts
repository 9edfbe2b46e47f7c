import {
  callApi,
  createTestEnvironment,
  createTopics,
  TEST_ADMIN_TOKEN,
  type TestEnvironment,
} from '#testing';
import { startLadder, type RunningLadder } from './support/ladder.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'cookie' | 'header';
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

/** Values no route should take: wrong types, impossible dates, bytes PostgreSQL refuses, sizes, syntax. */
const MALFORMED = [
  '',
  'x',
  '-1',
  '0',
  '1.5',
  '1e309',
  'NaN',
  '9'.repeat(40),
  '2026-02-31',
  '2026-13-01T25:61:00Z',
  'null',
  '[]',
  '{}',
  'true',
  '\u0000',
  'a\u0000b',
  "' OR 1=1 --",
  '../../etc/passwd',
  'ی'.repeat(300),
  'a'.repeat(5_000),
];

/** The same as they go into a URL, and bytes no decoder takes: a lone %, invalid UTF-8. */
const MALFORMED_IN_URL = [...MALFORMED.map(encodeURIComponent), '%', '%ZZ', '%C0%AF', '%FF', '%ED%A0%80'];

/** Bodies of the wrong shape: not JSON, JSON of another type, each field of the wrong type, oversize. */
function malformedBodies(schema: unknown): string[] {
  const properties = Object.keys(
    (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
  );
  const wrongTypes: unknown[] = [
    null,
    42,
    -1,
    'x',
    '',
    true,
    [],
    {},
    '\u0000',
    '2026-02-31',
    'a'.repeat(20_000),
  ];
  return [
    '{not json',
    'null',
    '[]',
    '"text"',
    '12',
    '{}',
    JSON.stringify({ unexpected: 'field' }),
    ...properties.flatMap((property) => wrongTypes.map((value) => JSON.stringify({ [property]: value }))),
    JSON.stringify(Object.fromEntries(properties.map((property) => [property, '\u0000']))),
  ];
}

interface Attempt {
  method: string;
  path: string;
  query?: string;
  body?: string;
  cookie?: string;
}

/**
 * Every route of the served OpenAPI document, asked with malformed path parameters, query parameters,
 * bodies and session cookies (generated from the document, not listed by hand): none may answer 500, and
 * every refusal is JSON with a code.
 */
describe('malformed input on every route', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let document: OpenApi;

  beforeAll(async () => {
    environment = await createTestEnvironment('fuzz');
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
    document = (await callApi<OpenApi>(ladder.url, '/api/docs/openapi.json', { token: null })).body;
  }, 300_000);

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  /** A path with every parameter filled: with `value` for `target`, a well-formed stand-in for the rest. */
  function fill(template: string, target: string | null, encodedValue: string): string {
    return template.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === target ? encodedValue : '00000000-0000-4000-8000-000000000000',
    );
  }

  function attempts(): Attempt[] {
    const all: Attempt[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const parameters = operation.parameters ?? [];
        for (const parameter of parameters.filter((p) => p.in === 'path'))
          for (const value of MALFORMED_IN_URL.filter((v) => v !== ''))
            all.push({ method, path: fill(template, parameter.name, value) });
        for (const parameter of parameters.filter((p) => p.in === 'query'))
          for (const value of MALFORMED_IN_URL)
            all.push({
              method,
              path: fill(template, null, ''),
              query: `${encodeURIComponent(parameter.name)}=${value}`,
            });
        // Repeated query parameters arrive as arrays.
        if (parameters.some((p) => p.in === 'query')) {
          const names = parameters.filter((p) => p.in === 'query').map((p) => encodeURIComponent(p.name));
          all.push({
            method,
            path: fill(template, null, ''),
            query: names.map((n) => `${n}=a&${n}=b`).join('&'),
          });
        }
        const json = operation.requestBody?.content?.['application/json'];
        if (json)
          for (const body of malformedBodies(json.schema))
            all.push({ method, path: fill(template, null, ''), body });
        if (method === 'get')
          for (const cookie of [
            'ladder_session=',
            'ladder_session=%',
            'ladder_session=x.y.z',
            'ladder_session=\u00ff',
          ])
            all.push({ method, path: fill(template, null, ''), cookie });
      }
    }
    return all;
  }

  async function ask(attempt: Attempt): Promise<{ status: number; text: string; type: string }> {
    const headers: Record<string, string> = {};
    if (attempt.cookie) headers.cookie = attempt.cookie;
    else headers.authorization = `Bearer ${TEST_ADMIN_TOKEN}`;
    if (attempt.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${ladder.url}${attempt.path}${attempt.query ? `?${attempt.query}` : ''}`, {
      method: attempt.method.toUpperCase(),
      headers,
      body: attempt.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
    });
    return {
      status: response.status,
      text: await response.text(),
      type: response.headers.get('content-type') ?? '',
    };
  }

  it('never answers 500, and refuses with a JSON error and its code', async () => {
    const all = attempts();
    expect(all.length).toBeGreaterThan(1_000);
    const problems: string[] = [];
    // A few at a time: enough to be quick, few enough that the API is not the thing being tested.
    for (let index = 0; index < all.length; index += 8) {
      const batch = all.slice(index, index + 8);
      const answers = await Promise.all(batch.map(ask));
      answers.forEach((answer, offset) => {
        const attempt = batch[offset]!;
        const what = `${attempt.method.toUpperCase()} ${attempt.path.slice(0, 120)}${attempt.query ? `?${attempt.query.slice(0, 80)}` : ''}${attempt.body ? ` body ${attempt.body.slice(0, 80)}` : ''}${attempt.cookie ? ` cookie ${attempt.cookie}` : ''}`;
        if (answer.status >= 500) problems.push(`${what} → ${answer.status} ${answer.text.slice(0, 200)}`);
        else if (answer.status >= 400 && answer.type.includes('json')) {
          const body = JSON.parse(answer.text) as { error?: { code?: unknown } };
          if (typeof body.error?.code !== 'string')
            problems.push(`${what} → ${answer.status} without a code: ${answer.text.slice(0, 200)}`);
        } else if (answer.status >= 400 && attempt.path.startsWith('/api/')) {
          problems.push(`${what} → ${answer.status} ${answer.type}, not JSON`);
        }
      });
    }
    expect(problems.slice(0, 40)).toEqual([]);
  }, 600_000);
});
