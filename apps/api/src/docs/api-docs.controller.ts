import { apiErrorBodySchema, openApiDocumentDtoSchema } from '#contracts';
import { Controller, Get, Header, Param, Res, StreamableFile, type Type } from '@nestjs/common';
import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import type { Response } from 'express';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Public } from '../auth/public.decorator.js';
import { RateLimit } from '../limits/rate-limit.decorator.js';
import { ApiException } from '../errors/api.exception.js';
import { Answers, HTML } from './answers.decorator.js';
import { DOCS_ASSETS, DOCS_CONTENT_SECURITY_POLICY, DOCS_PAGE_HTML } from './api-docs-page.js';
import { apiRoutesOf } from './api-routes.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.js';

/**
 * The API described for integrators: `GET /api/docs/openapi.json`, generated from the controllers Nest runs
 * (their routes, the schemas that validate their requests and the schemas of their answers), and a page to
 * read it at `GET /api/docs`.
 */
@Controller('api/docs')
@Public()
// One document, built once: clients fetch it to check their calls against.
@RateLimit('unlimited')
export class ApiDocsController {
  private document: OpenApiDocument | undefined;

  constructor(private readonly modules: ModulesContainer) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY)
  @Header('Cache-Control', 'no-cache')
  @Answers(200, HTML, 'The document, to read in a browser.')
  page(): string {
    return DOCS_PAGE_HTML;
  }

  @Get('openapi.json')
  @Header('Cache-Control', 'no-cache')
  @Answers(200, openApiDocumentDtoSchema)
  openApi(): OpenApiDocument {
    this.document ??= buildOpenApiDocument(apiRoutesOf(this.controllers()), ladderVersion());
    return this.document;
  }

  @Get('assets/:file')
  @Answers(200, { mediaType: '*/*' }, 'A file of the page: Swagger UI from swagger-ui-dist, or its start.')
  @Answers(404, apiErrorBodySchema, 'not-found: no such file.')
  asset(
    @Param('file') file: string,
    @Res({ passthrough: true }) response: Response,
  ): StreamableFile | string {
    const asset = Object.hasOwn(DOCS_ASSETS, file) ? DOCS_ASSETS[file] : undefined;
    if (!asset) throw ApiException.notFound('The file');
    response.setHeader('Content-Type', asset.type);
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return asset.file ? new StreamableFile(createReadStream(asset.file)) : asset.text!;
  }

  /** Every controller of the running application, from Nest's own container. */
  private controllers(): Type[] {
    const discovery = new DiscoveryService(this.modules);
    const controllers = discovery.getControllers().map((wrapper) => wrapper.metatype as Type | null);
    return [...new Set(controllers.filter((controller): controller is Type => !!controller))];
  }
}

/** The version of Ladder, from its package.json (beside `apps` in source, beside `dist` when built). */
function ladderVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory) {
    directory = dirname(directory);
  }
  const file = join(directory, 'package.json');
  return existsSync(file)
    ? ((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0')
    : '0';
}
