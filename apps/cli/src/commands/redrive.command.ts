import { DeadLetterService, IngestModule, type RedriveOutcome } from '#ingest';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { withLadder } from './ladder-context.js';
import { ProgressBar } from '../progress-bar.js';

const USAGE = `usage: ladder redrive [--reason <code>] [--topic <topic>] [--from <time>] [--to <time>]
                      [--again] [--patch <file.json>] [--wait <seconds>]`;

/**
 * `ladder redrive`: sends back every dead letter matching a reason, a topic or a time range, each as it was
 * or with a JSON merge patch applied, then waits for scoring and reports each outcome.
 */
export async function redriveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      reason: { type: 'string' },
      topic: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      again: { type: 'boolean', default: false },
      patch: { type: 'string' },
      wait: { type: 'string', default: '120' },
    },
  });
  const time = (text: string | undefined) => {
    if (text === undefined) return undefined;
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw new Error(`${text} is not a time\n${USAGE}`);
    return at;
  };
  const waitSeconds = Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0)
    throw new Error(`--wait must be a number of seconds\n${USAGE}`);
  const patch = values.patch
    ? (JSON.parse(await readFile(values.patch, 'utf8')) as Record<string, unknown>)
    : null;
  if (patch !== null && (typeof patch !== 'object' || Array.isArray(patch))) {
    throw new Error(`--patch must be a JSON object (a merge patch)\n${USAGE}`);
  }
  await withLadder([IngestModule], async (app) => {
    const deadLetters = app.get(DeadLetterService);
    const bar = new ProgressBar('redriven', 0);
    const attempts = await deadLetters.redriveMatching(
      {
        reasonCode: values.reason,
        topic: values.topic,
        rejectedFrom: time(values.from),
        rejectedTo: time(values.to),
        includeRedriven: values.again,
      },
      patch,
      (done) => {
        bar.setTotal(Math.max(done, 1));
        bar.update(done);
      },
    );
    bar.finish();
    // Scoring takes them in as it reaches them: wait until each has an outcome, or the time is up.
    const deadline = Date.now() + waitSeconds * 1000;
    let outcomes: RedriveOutcome[] = await deadLetters.outcomes(attempts);
    while (outcomes.some((outcome) => outcome.outcome === 'pending') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      outcomes = await deadLetters.outcomes(attempts);
    }
    for (const outcome of outcomes) process.stdout.write(`${describe(outcome)}\n`);
    const count = (kind: RedriveOutcome['outcome']) =>
      outcomes.filter((outcome) => outcome.outcome === kind).length;
    process.stdout.write(
      `${outcomes.length} dead letter(s): ${count('accepted')} accepted, ${count('dead-lettered')} dead-lettered again, ` +
        `${count('pending')} not scored yet, ${count('not-sent')} not sent.\n`,
    );
    if (count('pending') > 0 || count('not-sent') > 0) process.exitCode = 1;
  });
}

function describe(outcome: RedriveOutcome): string {
  const where = outcome.position
    ? ` → ${outcome.position.topic} [${outcome.position.partition}] @${outcome.position.offset}`
    : '';
  const head = `dead letter ${outcome.deadLetterId}${where}:`;
  if (outcome.outcome === 'dead-lettered')
    return `${head} dead-lettered again (${outcome.reason}: ${outcome.detail})`;
  if (outcome.outcome === 'not-sent') return `${head} not sent (${outcome.problem})`;
  return `${head} ${outcome.outcome === 'accepted' ? 'accepted' : 'not scored yet'}`;
}
