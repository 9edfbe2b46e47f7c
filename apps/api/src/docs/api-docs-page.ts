import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const OPENAPI_PATH = '/api/docs/openapi.json';
const ASSETS = '/api/docs/assets';

/** The docs page runs only its own scripts and styles, served by Ladder from node_modules (never a CDN). */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const SWAGGER_UI_DIRECTORY = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The files of the page: Swagger UI's bundle and styles from `swagger-ui-dist`, and the page's own start. */
export const DOCS_ASSETS: Record<string, { type: string; file?: string; text?: string }> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', file: join(SWAGGER_UI_DIRECTORY, 'swagger-ui.css') },
  'swagger-ui-bundle.js': {
    type: 'text/javascript; charset=utf-8',
    file: join(SWAGGER_UI_DIRECTORY, 'swagger-ui-bundle.js'),
  },
  'favicon-32x32.png': { type: 'image/png', file: join(SWAGGER_UI_DIRECTORY, 'favicon-32x32.png') },
  'ladder-docs.js': {
    type: 'text/javascript; charset=utf-8',
    // A file of its own: the policy runs no inline script.
    text: `window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({
    url: ${JSON.stringify(OPENAPI_PATH)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
  });
});
`,
  },
};

export const DOCS_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ladder API</title>
<link rel="stylesheet" href="${ASSETS}/swagger-ui.css">
<link rel="icon" type="image/png" href="${ASSETS}/favicon-32x32.png">
</head>
<body>
<noscript>The API's OpenAPI document is at <a href="${OPENAPI_PATH}">${OPENAPI_PATH}</a>.</noscript>
<div id="swagger-ui"></div>
<script src="${ASSETS}/swagger-ui-bundle.js"></script>
<script src="${ASSETS}/ladder-docs.js"></script>
</body>
</html>
`;
