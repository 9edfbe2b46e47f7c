const UNIT_MILLISECONDS = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
} as const;

type DurationUnit = keyof typeof UNIT_MILLISECONDS;

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/**
 * Parses a duration such as `30s`, `15m`, `48h` or `7d` (also `250ms` and `1.5h`) into milliseconds.
 * Returns null for anything else, so callers can report the bad key instead of guessing.
 */
export function parseDuration(text: string): number | null {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2] as DurationUnit;
  const milliseconds = Math.round(amount * UNIT_MILLISECONDS[unit]);
  return Number.isSafeInteger(milliseconds) && milliseconds > 0 ? milliseconds : null;
}

/** Writes milliseconds back in the largest whole unit, e.g. 172800000 → `48h`. */
export function formatDuration(milliseconds: number): string {
  const units: DurationUnit[] = ['d', 'h', 'm', 's'];
  for (const unit of units) {
    const size = UNIT_MILLISECONDS[unit];
    if (milliseconds % size === 0 && milliseconds >= size) {
      const amount = milliseconds / size;
      // Prefer hours over days below a week, as SLAs are usually said that way (48h, not 2d).
      if (unit === 'd' && amount < 7 && milliseconds % UNIT_MILLISECONDS.h === 0) {
        return `${milliseconds / UNIT_MILLISECONDS.h}h`;
      }
      return `${amount}${unit}`;
    }
  }
  return `${milliseconds}ms`;
}
