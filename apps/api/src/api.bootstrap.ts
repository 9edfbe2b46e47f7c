import type { HttpPart, ProcessNames } from '#runtime';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { mountQueueBoard } from './admin/queue-board.js';
import { HttpModule } from './api.module.js';
import { serveOperationsUi } from './pages/operations-ui.js';

/** What the API serves, for whichever process runs it: the API alone, or beside the worker roles. */
export const API_HTTP: HttpPart = {
  module: HttpModule,
  configure(app: NestExpressApplication): void {
    app.disable('x-powered-by');
    // Security headers on every answer (nosniff, no referrer, no framing, HSTS behind TLS…), and a content
    // security policy that lets a JSON answer run nothing; each page sets the policy it needs instead.
    app.use(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'none'"],
            frameAncestors: ["'none'"],
            baseUri: ["'none'"],
            formAction: ["'none'"],
          },
        },
      }),
    );
    app.useBodyParser('json', { limit: '1mb' });
    // The re-survey page posts a plain HTML form.
    app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
    serveOperationsUi(app);
    mountQueueBoard(app);
  },
};

/** The API on its own (`ladder api`). */
export const API_NAMES: ProcessNames = { application: 'ladder-api', logPrefix: 'Ladder api' };
