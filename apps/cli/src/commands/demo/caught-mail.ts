import type { LadderConfig } from '#config';
import { MailCatcher, type CaughtEmail } from '#local-stack';
import type pg from 'pg';

/**
 * The e-mails this run sent that the SMTP catcher caught. MailDev keeps those of earlier runs of the same
 * namespace too (whose join links would still verify): this run's are told apart by their Message-ID, which
 * is the id of one of this database's notifications.
 */
export async function caughtThisRun(config: LadderConfig, database: pg.Client): Promise<CaughtEmail[]> {
  const sent = await database.query<{ message_id: string }>(
    `SELECT message_id FROM notifications WHERE status = 'sent' AND message_id IS NOT NULL`,
  );
  const ours = new Set(sent.rows.map((row) => bareMessageId(row.message_id)));
  return (await new MailCatcher().fromInstance(config.queuePrefix)).filter((email) =>
    ours.has(bareMessageId(email.headers['message-id'] ?? '')),
  );
}

function bareMessageId(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, '');
}
