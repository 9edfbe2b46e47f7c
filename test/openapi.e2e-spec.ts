import SwaggerParser from '@apidevtools/swagger-parser';
import { callApi, createTestEnvironment, createTopics, type TestEnvironment } from '#testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshotDirectory } from './support/browser.js';
import { startLadder, type RunningLadder } from './support/ladder.js';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { security: unknown[] }>>;
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * The OpenAPI document a running Ladder serves at /api/docs: it has exactly the routes Express serves, it is
 * valid OpenAPI 3.1, and its page renders in Chromium. (That real answers match it is checked by `callApi` in
 * every end-to-end test.)
 */
describe('the OpenAPI document at /api/docs', () => {
  let environment: TestEnvironment;
  let ladder: RunningLadder;
  let document: OpenApi;

  beforeAll(async () => {
    environment = await createTestEnvironment('openapi');
    await createTopics(environment.config);
    ladder = await startLadder(environment.config);
    const response = await callApi<OpenApi>(ladder.url, '/api/docs/openapi.json', { token: null });
    expect(response.status).toBe(200);
    document = response.body;
  }, 300_000);

  afterAll(async () => {
    await ladder?.stop();
    await environment?.cleanup();
  });

  /** `GET /api/cases/{id}` for every route of the Express router Nest registered its routes on. */
  function servedRoutes(): string[] {
    const express = (ladder.app as NestExpressApplication).getHttpAdapter().getInstance() as {
      router: { stack: RouterLayer[] };
    };
    // Mounted middleware (the static /ui/ files, Bull Board at /admin/queues) has no route of its own.
    return express.router.stack.flatMap((layer) => {
      if (!layer.route) return [];
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      return paths.flatMap((path) =>
        Object.keys(layer.route!.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`),
      );
    });
  }

  const documentedRoutes = () =>
    Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );

  it('has every route the app serves, and only those', () => {
    const served = servedRoutes();
    expect(served.length).toBeGreaterThan(30);
    expect(served).toEqual(expect.arrayContaining(['GET /api/cases/{id}', 'POST /api/cases/{id}/claim']));
    expect([...new Set(documentedRoutes())].sort()).toEqual([...new Set(served)].sort());
  });

  it('is valid OpenAPI 3.1', async () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('asks for no token for itself, and for one on the API', () => {
    expect(document.paths['/api/docs/openapi.json']!.get!.security).toEqual([]);
    expect(document.paths['/api/cases']!.get!.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
  });

  describe('its page', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchChromium();
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('renders every route in headless Chromium, from Ladder alone, under its own content security policy', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const elsewhere: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => {
        if (!request.url().startsWith(ladder.url) && !request.url().startsWith('data:'))
          elsewhere.push(request.url());
      });

      // Whatever the content security policy refuses (an inline script or style) is counted.
      await page.addInitScript({
        content: `window.refused = [];
          document.addEventListener('securitypolicyviolation', (event) =>
            window.refused.push(event.violatedDirective + ': ' + event.blockedURI));`,
      });
      const response = await page.goto(`${ladder.url}/api/docs`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
      await expect(page.locator('.info .title').innerText()).resolves.toContain('Ladder API');

      const shown = await page
        .locator('.opblock-summary')
        .evaluateAll((blocks) =>
          blocks.map(
            (block) =>
              `${block.querySelector('.opblock-summary-method')?.textContent?.trim()} ` +
              `${block.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
          ),
        );
      expect(shown.sort()).toEqual(documentedRoutes().sort());
      await page.screenshot({ path: join(screenshotDirectory(), 'api-docs.png'), fullPage: false });

      // Open one operation: its parameters and the schema of its answer are there.
      const listCases = page.locator('.opblock-get', {
        has: page.locator('.opblock-summary-path[data-path="/api/cases"]'),
      });
      await listCases.locator('.opblock-summary').click();
      await listCases.locator('.parameters').waitFor();
      await expect(listCases.innerText()).resolves.toContain('cursor');
      // And the schema of its answer, as a model.
      await listCases.locator('.responses-wrapper .tablinks[data-name="model"]').first().click();
      await expect(listCases.locator('.responses-wrapper').innerText()).resolves.toContain('CasePage');
      await page.screenshot({ path: join(screenshotDirectory(), 'api-docs-operation.png'), fullPage: false });
      expect(await page.evaluate('window.refused')).toEqual([]);
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
      await page.close();
    });
  });
});
