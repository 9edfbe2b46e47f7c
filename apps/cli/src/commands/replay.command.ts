import { IngestModule, ReplayService } from '#ingest';
import { parseArgs } from 'node:util';
import { withLadder } from './ladder-context.js';

/** `ladder replay --from <time>`: the scoring group moved to re-read the input topics from a time. */
export async function replayCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' } } });
  const from = values.from ? new Date(values.from) : null;
  if (!from || Number.isNaN(from.getTime())) {
    throw new Error('usage: ladder replay --from <ISO-8601 time, e.g. 2026-11-20T00:00:00Z>');
  }
  await withLadder([IngestModule], async (app) => {
    const moves = await app.get(ReplayService).moveTo(from);
    for (const move of moves) {
      process.stdout.write(`${move.topic} [${move.partition}]: ${move.from ?? 'none'} → ${move.to}\n`);
    }
    process.stdout.write(
      `The scoring group re-reads from ${from.toISOString()} when its workers start again; events it has ` +
        'taken in already change nothing.\n',
    );
  });
}
