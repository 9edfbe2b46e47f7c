import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The operations UI's files: plain HTML, CSS and ES modules, no build step. Beside `src` in source and in dist. */
export const OPERATIONS_UI_DIRECTORY = fileURLToPath(new URL('../../ui/', import.meta.url));

export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * Serves the operations UI at /ui/. Every file is revalidated (`no-cache`), so a deploy is picked up on the
 * next load, and the page may only run its own scripts and talk to its own API.
 */
export function serveOperationsUi(app: NestExpressApplication): void {
  // The dashboard's charting library, from Ladder's own dependencies (no CDN): the one browser bundle it needs.
  app.use(CHART_JS_PATH, (_request: Request, response: Response) => {
    setUiHeaders(response);
    response.sendFile(CHART_JS_FILE);
  });
  app.useStaticAssets(OPERATIONS_UI_DIRECTORY, {
    prefix: '/ui/',
    index: 'index.html',
    redirect: true,
    setHeaders: setUiHeaders,
  });
}

export const CHART_JS_PATH = '/ui/vendor/chart.umd.min.js';
/** Chart.js's browser bundle; its package exposes no path to it, so it is found beside its entry point. */
const CHART_JS_FILE = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

function setUiHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', UI_CONTENT_SECURITY_POLICY);
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'same-origin');
}
