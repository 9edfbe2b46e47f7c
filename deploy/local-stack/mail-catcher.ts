import { LOCAL_SMTP_WEB_URL } from './endpoints.js';

export interface CaughtAddress {
  address: string;
  name: string;
}

/** One e-mail as MailDev's REST API returns it (the fields Ladder reads). */
export interface CaughtEmail {
  id: string;
  time: string;
  subject: string;
  from: CaughtAddress[];
  to: CaughtAddress[];
  headers: Record<string, string>;
  html: string;
  text: string;
}

/** Reads what the SMTP catcher caught: for the demo's summary and for tests. */
export class MailCatcher {
  constructor(private readonly baseUrl: string = LOCAL_SMTP_WEB_URL) {}

  async all(): Promise<CaughtEmail[]> {
    const response = await fetch(`${this.baseUrl}/api/email`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`the SMTP catcher answered HTTP ${response.status}`);
    return (await response.json()) as CaughtEmail[];
  }

  /** E-mails whose Message-ID is one of `messageIds` (Ladder's notification ids): exactly one run's mail. */
  async withMessageIds(messageIds: Iterable<string>): Promise<CaughtEmail[]> {
    const wanted = new Set(messageIds);
    return (await this.all()).filter((email) => wanted.has(email.headers['message-id'] ?? ''));
  }
}
