import { TEST_ADMIN_TOKEN } from './test-environment.js';

export interface ApiResponse<Body> {
  status: number;
  body: Body;
  headers: Headers;
}

/** Calls Ladder's HTTP API as a client would; `token: null` sends no Authorization header. */
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
  return {
    status: response.status,
    body: (contentType.includes('json') && text ? JSON.parse(text) : text) as Body,
    headers: response.headers,
  };
}
