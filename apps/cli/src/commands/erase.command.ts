import { ErasureService, PrivacyModule } from '#privacy';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { withLadder } from './ladder-context.js';

const USAGE = 'usage: ladder erase <customer-id> [--by <who asked, e.g. a ticket number>]';

/**
 * `ladder erase <customer-id>`: erases the customer as `DELETE /api/customers/:id` does (docs/privacy.md),
 * for the operator at the shell: recorded as erased by `cli <user>`, with `--by` saying on whose request.
 */
export async function eraseCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { by: { type: 'string' } },
  });
  const [customerId, extra] = positionals;
  if (!customerId?.trim() || extra !== undefined) throw new Error(USAGE);
  const erasedBy = `cli ${userInfo().username}${values.by ? ` for ${values.by}` : ''}`;
  await withLadder([PrivacyModule], async (app) => {
    const erasure = await app.get(ErasureService).erase({ customerId, erasedBy, via: 'cli', storeIds: null });
    if (erasure.alreadyErased) {
      process.stdout.write(
        `Already erased on ${erasure.erasedAt} by ${erasure.erasedBy}; nothing more to do.\n`,
      );
      return;
    }
    const cleared = Object.entries(erasure.cleared)
      .map(([table, rows]) => `${table} ${rows}`)
      .join(', ');
    process.stdout.write(
      erasure.found
        ? `Erased: ${cleared || 'nothing else held'}. Later events for this id are counted without personal data.\n`
        : 'Ladder held nothing of this customer; the erasure is remembered, so later events store nothing personal.\n',
    );
  });
}
