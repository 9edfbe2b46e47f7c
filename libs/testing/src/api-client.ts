import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { TEST_ADMIN_TOKEN } from './test-environment.js';

export interface ApiResponse<Body> {
  status: number;
  body: Body;
  headers: Headers;
}

/**
 * Calls Ladder's HTTP API as a client would; `token: null` sends no Authorization header. Every JSON answer is
 * checked against the OpenAPI document the same Ladder serves (`/api/docs/openapi.json`): an answer that the
 * document does not describe fails the test, with the path and what is wrong.
 */
export async function callApi<Body = unknown>(
  baseUrl: string,
  path: string,
  {
    method = 'GET',
    token = TEST_ADMIN_TOKEN,
    body,
  }: { method?: string; token?: string | null; body?: unknown } = {},
): Promise<ApiResponse<Body>> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const isJson = contentType.includes('json') && text !== '';
  const parsed = isJson ? (JSON.parse(text) as unknown) : text;
  if (isJson) {
    const problem = (await documentedAnswers(baseUrl)).check(method, path, response.status, parsed);
    if (problem) throw new Error(`${method} ${path} answered ${response.status}: ${problem}`);
  }
  return { status: response.status, body: parsed as Body, headers: response.headers };
}

const COMPONENTS = '#/components/schemas/';
const DOCUMENT_ID = 'ladder-openapi';

type Schema = Record<string, unknown>;
interface DocumentedRoute {
  method: string;
  template: string;
  pattern: RegExp;
  /** Fewer parameters first: `/api/segments/recompute` before `/api/segments/{id}`. */
  parameters: number;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/** The answers an OpenAPI document describes, with a validator (ajv, JSON Schema draft 2020-12) for each. */
class DocumentedAnswers {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: DocumentedRoute[];

  constructor(document: {
    paths: Record<string, Record<string, unknown>>;
    components?: { schemas?: Schema };
  }) {
    formatsPlugin.default(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, $defs: retarget(document.components?.schemas ?? {}, '#/$defs/') });
    this.routes = Object.entries(document.paths)
      .flatMap(([template, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          method,
          template,
          pattern: new RegExp(
            `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`,
          ),
          parameters: (template.match(/\{/g) ?? []).length,
          responses: (operation as Pick<DocumentedRoute, 'responses'>).responses,
        })),
      )
      .sort((a, b) => a.parameters - b.parameters);
  }

  /** What is wrong with a JSON answer, or null when the document describes it. */
  check(method: string, path: string, status: number, body: unknown): string | null {
    const pathname = new URL(path, 'http://ladder').pathname;
    const route = this.routes.find(
      (candidate) => candidate.method === method.toLowerCase() && candidate.pattern.test(pathname),
    );
    if (!route) {
      // Nest's own answer to a route it does not have is the error body too.
      return status >= 400
        ? this.validate(`${DOCUMENT_ID}#/$defs/ApiError`, body)
        : 'the OpenAPI document has no such route';
    }
    const response =
      route.responses[String(status)] ?? route.responses[`${String(status)[0]}XX`] ?? route.responses.default;
    if (!response)
      return `the OpenAPI document says no ${status} for ${method.toUpperCase()} ${route.template}`;
    const content = response.content;
    // A route that does not describe its answer (no content at all) is not checked.
    if (!content) return null;
    const schema = content['application/json']?.schema;
    if (!schema) return `the OpenAPI document says ${Object.keys(content).join(', ')}, not JSON`;
    const key = `${route.method} ${route.template} ${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(retarget(schema, `${DOCUMENT_ID}#/$defs/`) as Schema);
      this.validators.set(key, validate);
    }
    return this.report(validate, body, route.template);
  }

  private validate(ref: string, body: unknown): string | null {
    const validate = this.ajv.getSchema(ref);
    return validate ? this.report(validate, body, ref) : null;
  }

  private report(validate: ValidateFunction, body: unknown, where: string): string | null {
    if (validate(body)) return null;
    const errors = (validate.errors ?? []).map(
      (error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
    return (
      `the body does not match the OpenAPI document's schema for ${where}:\n  ${errors.join('\n  ')}\n` +
      `body: ${JSON.stringify(body).slice(0, 2000)}`
    );
  }
}

/** `#/components/schemas/X` → `<prefix>X`, wherever it is referenced. */
function retarget(value: unknown, prefix: string): unknown {
  if (Array.isArray(value)) return value.map((item) => retarget(item, prefix));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      key === '$ref' && typeof item === 'string' && item.startsWith(COMPONENTS)
        ? [key, prefix + item.slice(COMPONENTS.length)]
        : [key, retarget(item, prefix)],
    ),
  );
}

const documents = new Map<string, Promise<DocumentedAnswers>>();

/** The OpenAPI document of the Ladder at `baseUrl`, read once per Ladder. */
function documentedAnswers(baseUrl: string): Promise<DocumentedAnswers> {
  let answers = documents.get(baseUrl);
  if (!answers) {
    answers = (async () => {
      const url = `${baseUrl}/api/docs/openapi.json`;
      const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
      if (!response.ok)
        throw new Error(`callApi checks answers against ${url}, which answered ${response.status}`);
      return new DocumentedAnswers(
        (await response.json()) as ConstructorParameters<typeof DocumentedAnswers>[0],
      );
    })();
    documents.set(baseUrl, answers);
    // A Ladder that was not up yet is asked again next time.
    answers.catch(() => documents.delete(baseUrl));
  }
  return answers;
}
