import { LADDER_CONFIG, type LadderConfig } from '#config';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';

/** Counts a hit and returns the count and the window's remaining milliseconds, in one round trip. */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

/** The longest a request waits for the limiter before it is let through uncounted. */
const LIMITER_DEADLINE_MS = 250;
const WARN_EVERY_MS = 30_000;

/**
 * Rate-limit counters in Redis, so a limit holds across every API replica: a fixed window per key that
 * starts with its first hit. When Redis is slow or away the limiter lets requests through (and says so in
 * the log, at most every 30 s): a stalled Redis must not stall the API.
 */
@Injectable()
export class RedisRateCounter implements OnModuleDestroy {
  private readonly logger = new Logger(RedisRateCounter.name);
  private readonly redis: Redis;
  private lastWarning = 0;

  constructor(@Inject(LADDER_CONFIG) config: LadderConfig) {
    this.redis = new Redis(config.redisUrl, {
      keyPrefix: `${config.queuePrefix}:rate-limit:`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: Math.min(LIMITER_DEADLINE_MS, config.resilience.redisTimeoutMs),
    });
    // Errors are reported per call below; the client reconnects by itself.
    this.redis.on('error', () => undefined);
  }

  /** Counts a hit on the key; null when Redis did not answer in time (the request is let through). */
  async hit(key: string, windowMs: number): Promise<{ hits: number; remainingMs: number } | null> {
    try {
      const [hits, remainingMs] = (await this.redis.eval(INCREMENT, 1, key, String(windowMs))) as [
        number,
        number,
      ];
      return { hits, remainingMs };
    } catch (error) {
      this.warn(error);
      return null;
    }
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn({
      message: 'rate limits not counted: Redis did not answer in time; requests are let through',
      error: error instanceof Error ? error.message : String(error),
    });
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
