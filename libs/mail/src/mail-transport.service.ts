import { LADDER_CONFIG, type LadderConfig } from '#config';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { PassThrough, pipeline, type Readable } from 'node:stream';

export interface OutgoingEmail {
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string;
  /** A stable Message-ID, so a receiver can recognise the same e-mail sent twice after a crash. */
  messageId: string;
  headers?: Record<string, string>;
  /**
   * Called once, synchronously, the instant the message's last byte (SMTP's end-of-data dot) is handed to
   * the connection, before the server answers: a sender records "sent" here, so that a crash between the
   * server taking the message and its answer being read cannot send it again. Whatever it records must be
   * started (written to its socket) within the call. If the server then refuses, `send` still rejects.
   */
  onHandedOver?: () => void;
}

/** An SMTP error text with every e-mail address in it replaced, so that it can be logged and stored. */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()[\]\\,;:"'@]+@[^\s<>()[\]\\,;:"'@]+/g, '<address>');
}

export class PermanentMailError extends Error {
  readonly code = 'mail-rejected';
}

/**
 * Passes the finished message through unchanged and tells when it is all on the wire: nodemailer pipes the
 * message into its SMTP data stream, whose readable side ends only once its last chunk, the terminating
 * dot, has been written to the socket.
 */
class EndOfData extends PassThrough {
  constructor(private readonly handedOver: () => void) {
    super();
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    const readable = destination as unknown as Partial<Readable>;
    if (typeof readable.once === 'function' && typeof readable.read === 'function') {
      readable.once('end', this.handedOver);
    }
    return super.pipe(destination, options);
  }
}

/** The one SMTP transport of a process (nodemailer, pooled connections to SMTP_URL). */
@Injectable()
export class MailTransportService implements OnApplicationShutdown {
  private readonly transporter: Transporter;
  /** The hand-over callbacks of the messages being sent, by Message-ID. */
  private readonly handOvers = new Map<string, () => void>();

  constructor(@Inject(LADDER_CONFIG) private readonly config: LadderConfig) {
    // Pooled connections, one per concurrent send (the notifications worker runs four at a time); a
    // `pool=false` or `maxConnections` in SMTP_URL still wins.
    this.transporter = nodemailer.createTransport(
      { url: config.smtpUrl, pool: true, maxConnections: 4 },
      { from: config.mailFrom },
    );
    // A 'stream' plugin runs once per message, after it is built and before it is sent: the last step of
    // its stream reports the hand-over of the end-of-data dot.
    this.transporter.use('stream', (mail, done) => {
      const messageId = mail.data.messageId;
      const handedOver = messageId ? this.handOvers.get(messageId) : undefined;
      if (handedOver) {
        let called = false;
        const once = () => {
          if (called) return;
          called = true;
          handedOver();
        };
        // A tap per stream: the pool builds the stream again when it moves the message to another
        // connection (one the server had dropped before a byte of it was sent).
        mail.message.processFunc((input) => pipeline(input, new EndOfData(once), () => undefined));
      }
      done();
    });
  }

  async send(email: OutgoingEmail): Promise<string> {
    if (email.onHandedOver) this.handOvers.set(email.messageId, email.onHandedOver);
    try {
      const info = await this.transporter.sendMail({
        to: email.to.name ? { name: email.to.name, address: email.to.address } : email.to.address,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        headers: email.headers,
      });
      return info.messageId;
    } catch (error) {
      // SMTP answers quote the addresses they refuse: they stay out of logs, job records and the API.
      const reason = withoutAddresses((error as Error).message);
      const responseCode = (error as { responseCode?: number }).responseCode;
      // 5xx: the server refused this message for good (no such mailbox, rejected content).
      if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600) {
        throw new PermanentMailError(`the mail server refused the message (${responseCode}): ${reason}`);
      }
      throw Object.assign(new Error(reason), {
        code: (error as { code?: unknown }).code,
        responseCode,
      });
    } finally {
      this.handOvers.delete(email.messageId);
    }
  }

  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
