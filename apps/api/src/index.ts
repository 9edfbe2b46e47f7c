/** The API app's public surface: what a process that serves it needs. */
export { API_HTTP, API_NAMES } from './api.bootstrap.js';
