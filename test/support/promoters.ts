import type { LadderConfig } from '#config';
import { linksIn, MailCatcher, type CaughtEmail } from '#local-stack';
import { eventually, produce } from '#testing';
import { emailsOf } from './feedback.js';

export interface Promoter {
  id: string;
  email: string;
  name?: string;
  phone?: string;
  locale?: string;
}

/**
 * A customer who consents to marketing answers 10 at a store, as a survey tool would send it; resolves with
 * the loyalty-club invitation Ladder e-mails them.
 */
export async function invitePromoter(
  config: LadderConfig,
  customer: Promoter,
  { eventId, storeId }: { eventId: string; storeId: string },
): Promise<CaughtEmail> {
  await produce(config, 'surveys', [
    {
      key: customer.id,
      value: JSON.stringify({
        eventId,
        occurredAt: new Date().toISOString(),
        customer,
        storeId,
        score: 10,
        consent: { marketing: true },
      }),
    },
  ]);
  const catcher = new MailCatcher();
  return eventually(async () => {
    const [invitation] = emailsOf(
      await catcher.fromInstance(config.queuePrefix),
      'loyalty-invitation',
      customer.email,
    );
    if (!invitation) throw new Error(`no invitation to ${customer.id} yet`);
    return invitation;
  });
}

/**
 * Follows an invitation's join link and presses the page's one button, as the customer would (the link
 * alone joins no one); a member's page has no button, and is the answer itself.
 */
export async function followJoinLink(
  config: LadderConfig,
  invitation: CaughtEmail,
): Promise<{ status: number; html: string }> {
  const [link] = linksIn(invitation, `${config.publicUrl}/join/`);
  if (!link) throw new Error('the invitation has no join link');
  const opened = await fetch(link);
  const page = await opened.text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!opened.ok || !action) return { status: opened.status, html: page };
  const joined = await fetch(new URL(action.replaceAll('&amp;', '&'), link), { method: 'POST' });
  return { status: joined.status, html: await joined.text() };
}
