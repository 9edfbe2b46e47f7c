import type { LadderConfig } from '#config';
import { startServer } from '#server';
import type { INestApplication } from '@nestjs/common';

export interface RunningLadder {
  app: INestApplication;
  url: string;
  stop(): Promise<void>;
}

/** Starts Ladder (API and every worker role) in this process, on the environment's port. */
export async function startLadder(config: LadderConfig): Promise<RunningLadder> {
  const app = await startServer(config);
  return {
    app,
    url: config.publicUrl,
    stop: () => app.close(),
  };
}
