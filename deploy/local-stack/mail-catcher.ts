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

  /** The e-mails one Ladder instance sent (its X-Ladder-Instance header, the queue prefix), oldest first. */
  async fromInstance(instance: string): Promise<CaughtEmail[]> {
    const query = new URLSearchParams({ 'headers.x-ladder-instance': instance });
    const response = await fetch(`${this.baseUrl}/api/email?${query}`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the SMTP catcher answered HTTP ${response.status}`);
    return (await response.json()) as CaughtEmail[];
  }

  /** The raw message as it arrived (headers the parsed form leaves out, such as List-Unsubscribe, are here). */
  async source(id: string): Promise<string> {
    const response = await fetch(`${this.baseUrl}/api/email/${encodeURIComponent(id)}/source`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the SMTP catcher answered HTTP ${response.status}`);
    return response.text();
  }
}

/** A header of a raw message, unfolded; null when it has none. */
export function rawHeader(source: string, name: string): string | null {
  const head = source.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head
    .split(/\r?\n/)
    .find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? null : line.slice(name.length + 1).trim();
}

/** Every link of an e-mail's HTML that starts with `prefix`, decoded, as a browser would follow it. */
export function linksIn(email: CaughtEmail, prefix: string): string[] {
  return [...email.html.matchAll(/href="([^"]+)"/g)]
    .map((match) => match[1]!.replaceAll('&amp;', '&'))
    .filter((href) => href.startsWith(prefix));
}
