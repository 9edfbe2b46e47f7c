import { SMTPServer } from 'smtp-server';

/** One e-mail the sink accepted: Ladder's notification id (from its Message-ID), its kind, and when. */
export interface AcceptedMail {
  notificationId: string | null;
  kind: string | null;
  acceptedAt: number;
}

/**
 * The benchmark's SMTP end: a minimal sink (smtp-server) that accepts every message as soon as its data has
 * arrived and keeps only its Message-ID, its X-Ladder-Notification and the instant it accepted it, so that
 * what is measured is Ladder, not a mail catcher's storage and web UI.
 */
export class SmtpSink {
  readonly accepted: AcceptedMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (!head.includes('\r\n\r\n') && head.length < 64_000) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const header = (name: string) =>
          new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(head.split('\r\n\r\n')[0] ?? '')?.[1]?.trim() ?? null;
        this.accepted.push({
          notificationId: /^<([^@>]+)@/.exec(header('Message-ID') ?? '')?.[1] ?? null,
          kind: header('X-Ladder-Notification'),
          acceptedAt: Date.now(),
        });
        callback();
      });
    },
  });

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.server.address();
    if (!address || typeof address === 'string') throw new Error('the SMTP sink has no port');
    return address.port;
  }

  count(kind: string): number {
    return this.accepted.filter((mail) => mail.kind === kind).length;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
