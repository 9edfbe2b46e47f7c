import { LADDER_CONFIG, type LadderConfig } from '#config';
import { LadderMetrics } from '#observability';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ReadinessService } from './readiness.service.js';

/**
 * What a process that runs only worker roles answers on LADDER_WORKER_PORT, for Prometheus and the
 * orchestrator: `/metrics`, `/health/live` (the process runs) and `/health/ready` (it can work). Plain HTTP
 * with no token, like the API's health and metrics: ids and counts only, meant for the internal network.
 */
@Injectable()
export class OpsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OpsServer.name);
  private server: Server | null = null;

  constructor(
    private readonly metrics: LadderMetrics,
    private readonly readiness: ReadinessService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.workerPort, () => resolve());
    });
    this.server = server;
    this.logger.log({ message: 'serving metrics and health', port: this.config.workerPort });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    try {
      if (request.method !== 'GET')
        return send(response, 405, 'application/json', error('method-not-allowed'));
      if (path === '/metrics') {
        return send(response, 200, this.metrics.registry.contentType, await this.metrics.registry.metrics());
      }
      if (path === '/health/live')
        return send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
      if (path === '/health/ready') {
        const readiness = await this.readiness.readiness();
        return send(
          response,
          readiness.status === 'ok' ? 200 : 503,
          'application/json',
          JSON.stringify(readiness),
        );
      }
      return send(response, 404, 'application/json', error('not-found'));
    } catch (failure) {
      this.logger.error({ message: 'ops request failed', path, error: (failure as Error).message });
      return send(response, 500, 'application/json', error('internal-error'));
    }
  }
}

function error(code: string): string {
  return JSON.stringify({ error: { code, message: code.replaceAll('-', ' ') } });
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  response.end(body);
}
