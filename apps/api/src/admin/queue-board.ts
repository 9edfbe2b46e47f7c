import { JobQueueService } from '#queues';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AuthenticationService } from '#access';
import { LADDER_CONFIG, type LadderConfig } from '#config';
import { requestToken } from '../auth/session-cookie.js';
import { ApiException } from '../errors/api.exception.js';
import { countAgainst } from '../limits/rate-limits.js';
import { RedisRateCounter } from '../limits/redis-rate-counter.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Bull Board's page: its own scripts, its inline styles, nothing from elsewhere, never in a frame. */
const QUEUE_BOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
].join('; ');

/**
 * Bull Board, for admins of all stores only, at /admin/queues: every Ladder queue with its waiting, delayed, failed and
 * completed jobs, retries and job schedulers. The operations UI's session cookie signs a browser in; a
 * person who is not signed in is sent to the sign-in page and back.
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const auth = app.get(AuthenticationService);
  const counter = app.get(RedisRateCounter);
  const config = app.get<LadderConfig>(LADDER_CONFIG);
  const jobs = app.get(JobQueueService);
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: jobs.queues().map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Ladder queues' } },
  });

  const adminsOnly = async (request: Request, response: Response, next: NextFunction) => {
    try {
      // The board's pages and its API calls count as API calls of the token, like every other route.
      await countAgainst(counter, config, 'api', request, response);
      const token = requestToken(request.headers);
      const principal = token ? await auth.authenticate(token) : null;
      if (!principal) {
        if (request.accepts(['html', 'json']) === 'html') {
          response.redirect(303, `/ui/#/signin?next=${encodeURIComponent(QUEUE_BOARD_PATH)}`);
          return;
        }
        response
          .status(401)
          .json({ error: { code: 'unauthorized', message: 'Sign in with an admin token.' } });
        return;
      }
      // Every queue's jobs, of every store: for admins of all stores only.
      if (principal.role !== 'admin' || principal.scope.kind !== 'all') {
        response.status(403).json({
          error: { code: 'forbidden', message: 'The queue board needs an admin token for all stores.' },
        });
        return;
      }
      response.setHeader('Content-Security-Policy', QUEUE_BOARD_CONTENT_SECURITY_POLICY);
      next();
    } catch (error) {
      if (error instanceof ApiException) {
        response.status(error.getStatus()).json(error.getResponse());
        return;
      }
      next(error);
    }
  };
  // Bull Board is an Express app of its own: it must not announce Express either.
  const board = serverAdapter.getRouter() as { disable(setting: string): void };
  board.disable('x-powered-by');
  app.use(QUEUE_BOARD_PATH, adminsOnly, board);
}
