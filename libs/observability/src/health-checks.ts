import { Injectable } from '@nestjs/common';

export interface CheckResult {
  status: 'ok' | 'fail';
  detail?: string;
}

export interface Readiness {
  status: 'ok' | 'fail';
  checks: Record<string, CheckResult>;
}

/** A check answers a detail when it passes and throws when it fails. */
export type HealthCheck = () => Promise<string | undefined>;

const CHECK_TIMEOUT_MS = 3_000;

/**
 * What this process must be able to do to be ready: the services every process checks, and what each part
 * it runs registered as it started (the scoring consumer its group, each queue's processor its worker).
 */
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** Runs every registered check and `extra`, at once, each within a few seconds. */
  async run(extra: ReadonlyArray<readonly [string, HealthCheck]> = []): Promise<Readiness> {
    const results = await Promise.all(
      [...extra, ...this.checks].map(async ([name, check]) => [name, await runCheck(check)] as const),
    );
    return {
      status: results.every(([, result]) => result.status === 'ok') ? 'ok' : 'fail',
      checks: Object.fromEntries(results),
    };
  }
}

export async function runCheck(check: HealthCheck): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    const detail = await Promise.race([check(), timeout]);
    return detail ? { status: 'ok', detail } : { status: 'ok' };
  } catch (error) {
    return { status: 'fail', detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
