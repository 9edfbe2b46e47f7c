import { JobQueueService } from '#queues';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AuthenticationService } from '#access';
import { requestToken } from '../auth/session-cookie.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board, for admins of all stores only, at /admin/queues: every Ladder queue with its waiting, delayed, failed and
 * completed jobs, retries and job schedulers. The operations UI's session cookie signs a browser in; a
 * person who is not signed in is sent to the sign-in page and back.
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const auth = app.get(AuthenticationService);
  const jobs = app.get(JobQueueService);
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: jobs.queues().map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Ladder queues' } },
  });

  const adminsOnly = async (request: Request, response: Response, next: NextFunction) => {
    try {
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
      next();
    } catch (error) {
      next(error);
    }
  };
  app.use(QUEUE_BOARD_PATH, adminsOnly, serverAdapter.getRouter());
}
