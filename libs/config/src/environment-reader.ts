import { isKnownTimeZone, parseDuration, parseMemberTiers, type MemberTier } from '#domain';
import type { ConfigProblem } from './config.error.js';
import {
  parseEscalationSteps,
  parseRate,
  parseReward,
  parseTimeOfDay,
  parseWeeklyTime,
} from './config-values.js';
import { WORKER_ROLES, type RewardSpec, type WorkerRole } from './ladder-config.js';

export type Environment = Record<string, string | undefined>;

/**
 * Reads one setting at a time. A bad value is recorded as a problem and replaced by its fallback, so
 * reading goes on and the caller can name every bad key at once.
 */
export class EnvironmentReader {
  constructor(
    private readonly env: Environment,
    private readonly problems: ConfigProblem[],
  ) {}

  /** Records a problem found by a check the reader has no method for. */
  report(key: string, message: string): void {
    this.problems.push({ key, message });
  }

  /** The trimmed value, or null when the setting is unset or blank. */
  optional(key: string): string | null {
    return this.env[key]?.trim() || null;
  }

  text(key: string, fallback: string): string {
    const value = this.env[key]?.trim();
    return value ? value : fallback;
  }

  pattern(key: string, fallback: string, pattern: RegExp, message: string): string {
    const value = this.text(key, fallback);
    if (!pattern.test(value)) this.problems.push({ key, message });
    return value;
  }

  integer(key: string, fallback: number, min: number, max: number): number {
    const raw = this.env[key]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push({ key, message: `must be a whole number from ${min} to ${max}` });
      return fallback;
    }
    return value;
  }

  url(key: string, fallback: string, protocols: string[]): string {
    const value = this.text(key, fallback);
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push({ key, message: `must be a URL starting with ${protocols.join(' or ')}//` });
      }
    } catch {
      this.problems.push({ key, message: 'must be a URL' });
    }
    return value;
  }

  email(key: string, fallback: string): string {
    const value = this.text(key, fallback);
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) this.problems.push({ key, message: 'must be an e-mail address' });
    return value;
  }

  duration(key: string, fallback: string): number {
    const value = this.text(key, fallback);
    const milliseconds = parseDuration(value);
    if (milliseconds === null) {
      this.problems.push({ key, message: 'must be a duration such as 30s, 15m, 48h or 7d' });
      return parseDuration(fallback) ?? 0;
    }
    return milliseconds;
  }

  number(key: string, fallback: number, min: number, max: number): number {
    const raw = this.env[key]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      this.problems.push({ key, message: `must be a number from ${min} to ${max}` });
      return fallback;
    }
    return value;
  }

  /** A count within a duration, written `3/24h`: at most 3 in any 24 hours. */
  rate(key: string, fallback: string): { max: number; withinMs: number } {
    return this.parsed(key, fallback, parseRate, 'must be a count per duration such as 1/30d or 3/24h');
  }

  /** A reward: `<amount in minor units> <ISO currency> <validity>`, e.g. `1000 EUR 90d`. */
  reward(key: string, fallback: string): RewardSpec {
    return this.parsed(
      key,
      fallback,
      parseReward,
      'must be an amount in minor units, a currency and a validity, such as 1000 EUR 90d',
    );
  }

  /** Member tiers, `silver@1000 x1.25 sla 24h, gold@5000 x1.5 sla 8h`, or `none`. */
  memberTiers(key: string, fallback: string): MemberTier[] {
    return this.parsed(
      key,
      fallback,
      parseMemberTiers,
      'must be tiers such as silver@1000 x1.25 sla 24h, gold@5000 x1.5 sla 8h (name@points, rising), or none',
    );
  }

  timeZone(key: string, fallback: string): string {
    const value = this.text(key, fallback);
    if (!isKnownTimeZone(value))
      this.problems.push({ key, message: 'must be an IANA time zone such as Asia/Tehran' });
    return value;
  }

  choice<Value extends string>(key: string, fallback: Value, choices: readonly Value[]): Value {
    const value = this.text(key, fallback);
    if (!choices.includes(value as Value)) {
      this.problems.push({ key, message: `must be one of ${choices.join(', ')}` });
      return fallback;
    }
    return value as Value;
  }

  /** `store-manager@0s,regional-manager@24h`: who is told, and how long after the due time. */
  escalationSteps(
    key: string,
    fallback: string,
  ): Array<{ to: 'store-manager' | 'regional-manager'; afterDueMs: number }> {
    return this.parsed(
      key,
      fallback,
      parseEscalationSteps,
      'must be steps such as store-manager@0s,regional-manager@24h (to@delay after the due time, increasing)',
    );
  }

  /** A local time of day, `HH:MM` or `HH:MM:SS`. */
  timeOfDay(key: string, fallback: string): { hour: number; minute: number; second: number } {
    return this.parsed(key, fallback, parseTimeOfDay, 'must be a local time such as 08:00 or 08:00:30');
  }

  /** A local day and time of the week, `mon 09:00` or `mon 09:00:30`. */
  weeklyTime(
    key: string,
    fallback: string,
  ): { dayOfWeek: number; hour: number; minute: number; second: number } {
    return this.parsed(key, fallback, parseWeeklyTime, 'must be a day and a local time such as mon 09:00');
  }

  roles(key: string): WorkerRole[] {
    const value = this.text(key, 'all');
    if (value === 'all') return [...WORKER_ROLES];
    const roles = value
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean);
    const unknown = roles.filter((role) => !(WORKER_ROLES as readonly string[]).includes(role));
    if (unknown.length > 0 || roles.length === 0) {
      this.problems.push({
        key,
        message: `must be "all" or a comma-separated list of ${WORKER_ROLES.join(', ')}`,
      });
      return [...WORKER_ROLES];
    }
    return [...new Set(roles)] as WorkerRole[];
  }

  /** The parsed value, or (recording the problem) the parsed fallback, which is always valid. */
  private parsed<Value>(
    key: string,
    fallback: string,
    parse: (text: string) => Value | null,
    message: string,
  ): Value {
    const value = parse(this.text(key, fallback));
    if (value === null) {
      this.problems.push({ key, message });
      return parse(fallback)!;
    }
    return value;
  }
}
