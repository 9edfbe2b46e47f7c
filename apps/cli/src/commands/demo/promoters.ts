import type { LadderConfig } from '#config';
import { linksIn } from '#local-stack';
import {
  choosePromotersWhoJoin,
  simulateReferrals,
  type SimulatedMember,
  type SimulatedMessage,
  type SimulatedReferral,
} from '#simulation';
import pg from 'pg';
import { ProgressBar } from '../../progress-bar.js';
import { loadSimulatedStores, type SimulateSettings } from '../simulate.command.js';
import { caughtThisRun } from './caught-mail.js';

export interface PromoterPlay {
  /** How many invitation links the demo's promoters followed. */
  linksFollowed: number;
  /** The friends' purchases with members' codes, produced into Kafka. */
  referrals: SimulatedReferral[];
}

/**
 * The promoters' part, played as they would: each reads the invitation Ladder actually sent them, a seeded
 * share follows its join link and presses the page's button, and then a few friends buy with the members'
 * codes (with one or two purchases a fraud check must hold). The randomness is libs/simulation's; the I/O is here.
 */
export async function playPromoters(
  config: LadderConfig,
  settings: SimulateSettings,
  traffic: SimulatedMessage[],
): Promise<PromoterPlay> {
  const database = new pg.Client({ connectionString: config.databaseUrl });
  await database.connect();
  try {
    const invitations = (await caughtThisRun(config, database)).filter(
      (email) => email.headers['x-ladder-notification'] === 'loyalty-invitation',
    );
    const links = invitations.flatMap((email) => {
      const [link] = linksIn(email, `${config.publicUrl}/join/`);
      return link ? [{ recipient: email.to[0]?.address ?? email.id, link }] : [];
    });
    const joining = choosePromotersWhoJoin(links, (item) => item.recipient, settings.seed);
    const bar = new ProgressBar('Joining', joining.length);
    // Ladder should accept every link (they are minutes old); any it turns down is shown, not hidden.
    const refused = new Map<number, number>();
    for (const [index, { link }] of joining.entries()) {
      // The link's page asks for one click (prefetching joins no one): the promoter presses its button.
      const response = await fetch(link, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (!response.ok) refused.set(response.status, (refused.get(response.status) ?? 0) + 1);
      bar.update(index + 1, 'links followed');
    }
    bar.finish();
    const turnedDown = [...refused].map(([status, count]) => `${count} with HTTP ${status}`).join(', ');
    process.stdout.write(
      `  ${invitations.length} invitation e-mails caught; ${joining.length} promoters followed their link` +
        `${turnedDown ? `, Ladder turned down ${turnedDown}` : ''}\n`,
    );

    const members = await database.query<{
      customer_id: string;
      store_id: string;
      referral_code: string;
      email: string | null;
      phone: string | null;
    }>(
      `SELECT m.customer_id, m.store_id, m.referral_code, c.email, c.phone
         FROM loyalty_members m LEFT JOIN customers c ON c.id = m.customer_id`,
    );
    const referrals = simulateReferrals({
      seed: settings.seed,
      at: new Date(),
      members: members.rows.map((row): SimulatedMember => ({
        customerId: row.customer_id,
        storeId: row.store_id,
        referralCode: row.referral_code,
        email: row.email,
        phone: row.phone,
      })),
      traffic,
      stores: await loadSimulatedStores(settings),
    });
    return { linksFollowed: joining.length, referrals };
  } finally {
    await database.end();
  }
}

/** Counts only: who the friends are stays out of the output, like the logs. */
export function describeReferrals(referrals: SimulatedReferral[]): string {
  const count = (kind: SimulatedReferral['kind']) =>
    referrals.filter((referral) => referral.kind === kind).length;
  return (
    `  ${referrals.length} first purchases with a member's code: ${count('new-friend')} new friends, ` +
    `${count('same-email')} under the referrer's own e-mail address, ` +
    `${count('existing-customer')} by a customer who had bought before`
  );
}
