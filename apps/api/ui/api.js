// Ladder's API as the operations UI calls it: JSON in and out, the session cookie, errors with the API's code.
import { state } from './state.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
  }
}

/** Calls the API; an answer of 401 means the session has ended, so the person is sent to sign in again. */
export async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...options,
    headers: { accept: 'application/json', ...(options.body ? { 'content-type': 'application/json' } : {}) },
  });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401 && !path.startsWith('/api/session')) {
    state.session = null;
    location.hash = '#/signin';
    throw new ApiError(401, body);
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}
