import { parseDuration } from '#domain';
import type { RewardSpec } from './ladder-config.js';

// The value parsers behind the environment reader: each turns a setting's text into its value, or null.

/** A count within a duration, written `3/24h`: at most 3 in any 24 hours. */
export function parseRate(text: string): { max: number; withinMs: number } | null {
  const match = /^\s*(\d+)\s*\/\s*(\S+)\s*$/.exec(text);
  const max = match ? Number(match[1]) : NaN;
  const withinMs = match ? parseDuration(match[2]!) : null;
  return Number.isInteger(max) && max >= 1 && withinMs !== null ? { max, withinMs } : null;
}

/** A reward: `<amount in minor units> <ISO currency> <validity>`, e.g. `1000 EUR 90d`. */
export function parseReward(text: string): RewardSpec | null {
  const match = /^\s*(\d{1,15})\s+([A-Za-z]{3})\s+(\S+)\s*$/.exec(text);
  const validForMs = match ? parseDuration(match[3]!) : null;
  return match && validForMs !== null && Number(match[1]) > 0
    ? { amountMinor: Number(match[1]), currency: match[2]!.toUpperCase(), validForMs }
    : null;
}

/** `store-manager@0s,regional-manager@24h`: who is told, and how long after the due time. */
export function parseEscalationSteps(
  text: string,
): Array<{ to: 'store-manager' | 'regional-manager'; afterDueMs: number }> | null {
  const steps = text.split(',').map((part) => {
    const [to, after] = part.trim().split('@');
    const afterDueMs =
      after === undefined ? null : after.trim() === '0s' || after.trim() === '0' ? 0 : parseDuration(after);
    return to === 'store-manager' || to === 'regional-manager' ? { to, afterDueMs } : null;
  });
  if (steps.some((step) => step === null || step.afterDueMs === null)) return null;
  const valid = steps as Array<{ to: 'store-manager' | 'regional-manager'; afterDueMs: number }>;
  return valid.every((step, index) => index === 0 || step.afterDueMs > valid[index - 1]!.afterDueMs)
    ? valid
    : null;
}

/** A local time of day, `HH:MM` or `HH:MM:SS`. */
export function parseTimeOfDay(text: string): { hour: number; minute: number; second: number } | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return hour < 24 && minute < 60 && second < 60 ? { hour, minute, second } : null;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A local day and time of the week, `mon 09:00` or `mon 09:00:30`. */
export function parseWeeklyTime(
  text: string,
): { dayOfWeek: number; hour: number; minute: number; second: number } | null {
  const match = /^([a-z]{3})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/i.exec(text.trim());
  const dayOfWeek = match ? DAYS.indexOf(match[1]!.toLowerCase()) : -1;
  const [hour, minute, second] = match
    ? [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)]
    : [99, 99, 99];
  return dayOfWeek >= 0 && hour < 24 && minute < 60 && second < 60
    ? { dayOfWeek, hour, minute, second }
    : null;
}
