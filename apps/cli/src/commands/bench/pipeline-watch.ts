import type { LadderConfig } from '#config';
import { BacklogProbe } from '#runtime';
import { ProgressBar } from '../../progress-bar.js';
import type { Span } from './bench-figures.js';

export interface PipelineTimes {
  /**
   * Where the clocks start: the first check that saw some but not all of the messages committed (so that
   * start-up and joining the group are not counted), with how many were committed then; or `from` and 0 when
   * no check caught it part-way.
   */
  startedAt: number;
  committedAtStart: number;
  /** When the scoring group had committed every input message. */
  committedAt: number;
  /** When nothing was left in hand: no lag, an empty outbox, no job due, no e-mail pending. */
  doneAt: number;
}

/** The messages committed after the start, over the time from the start to `until`. */
export function spanOf(times: PipelineTimes, expected: number, until: number): Span {
  return { count: expected - times.committedAtStart, ms: until - times.startedAt };
}

/**
 * Watches a running Ladder until it has committed all `expected` input messages and, unless `scoringOnly`,
 * done everything they asked for (BacklogProbe: what `waitUntilSettled` waits for), showing both as progress
 * bars. Times are taken at the first check that saw each state.
 */
export async function watchPipeline(
  config: LadderConfig,
  expected: number,
  options: { scoringOnly: boolean; timeoutMs: number; label: string; from: number; failIf?: () => void },
): Promise<PipelineTimes> {
  const probe = await BacklogProbe.open(config);
  const deadline = Date.now() + options.timeoutMs;
  const scoring = new ProgressBar(`${options.label}: committed`, expected);
  let committedAt = 0;
  let start: { at: number; committed: number } | null = null;
  let effects: ProgressBar | null = null;
  let mostInHand = 0;
  let idleSince = 0;
  try {
    for (;;) {
      options.failIf?.();
      const checkedAt = Date.now();
      const backlog = await probe.read();
      if (!committedAt) {
        const committed = expected - Math.min(expected, backlog.scoringLag);
        scoring.update(committed);
        if (!start && committed > 0 && committed < expected) start = { at: checkedAt, committed };
        if (backlog.scoringLag === 0) {
          committedAt = checkedAt;
          start ??= { at: options.from, committed: 0 };
          scoring.finish();
          if (options.scoringOnly) return times(start, committedAt, committedAt);
        }
      }
      if (committedAt) {
        const inHand = backlog.outbox + backlog.jobs + backlog.emails.pending;
        mostInHand = Math.max(mostInHand, inHand);
        effects ??= new ProgressBar(`${options.label}: effects`, mostInHand);
        effects.setTotal(mostInHand);
        effects.update(
          mostInHand - inHand,
          `${backlog.jobs} job(s), ${backlog.emails.pending} e-mail(s) in hand`,
        );
        // Idle twice in a row: a job that has just finished may have queued another.
        if (BacklogProbe.isIdle(backlog)) {
          if (idleSince) {
            effects.finish();
            return times(start!, committedAt, idleSince);
          }
          idleSince = checkedAt;
        } else idleSince = 0;
      }
      if (Date.now() > deadline)
        throw new Error(
          `${options.label} was still busy after ${options.timeoutMs / 1000} s: ${JSON.stringify(backlog)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await probe.close();
  }
}

function times(start: { at: number; committed: number }, committedAt: number, doneAt: number): PipelineTimes {
  return { startedAt: start.at, committedAtStart: start.committed, committedAt, doneAt };
}
