import { LADDER_CONFIG, type LadderConfig } from '#config';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingEmail {
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string;
  /** A stable Message-ID, so a receiver can recognise the same e-mail sent twice after a crash. */
  messageId: string;
  headers?: Record<string, string>;
}

export class PermanentMailError extends Error {
  readonly code = 'mail-rejected';
}

/** The one SMTP transport of a process (nodemailer, pooled connections to SMTP_URL). */
@Injectable()
export class MailTransportService implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(@Inject(LADDER_CONFIG) private readonly config: LadderConfig) {
    // Pooled connections, one per concurrent send (the notifications worker runs four at a time); a
    // `pool=false` or `maxConnections` in SMTP_URL still wins.
    this.transporter = nodemailer.createTransport(
      { url: config.smtpUrl, pool: true, maxConnections: 4 },
      { from: config.mailFrom },
    );
  }

  async send(email: OutgoingEmail): Promise<string> {
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
      const responseCode = (error as { responseCode?: number }).responseCode;
      // 5xx: the server refused this message for good (no such mailbox, rejected content).
      if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600) {
        throw new PermanentMailError(
          `the mail server refused the message (${responseCode}): ${(error as Error).message}`,
        );
      }
      throw error;
    }
  }

  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
