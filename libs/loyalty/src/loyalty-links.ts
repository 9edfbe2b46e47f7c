import { LADDER_CONFIG, type LadderConfig } from '#config';
import { endOfLocalDay } from '#domain';
import { LinkSigner, type LinkCheck } from '#mail';
import { Inject, Injectable } from '@nestjs/common';

/**
 * The links of the promoter loop in customer e-mails and pages: the signed, expiring invitation to join, and
 * a member's public share link. (The unsubscribe link every customer e-mail carries is libs/notifications'.)
 */
@Injectable()
export class LoyaltyLinks {
  private readonly signer: LinkSigner;

  constructor(@Inject(LADDER_CONFIG) private readonly config: LadderConfig) {
    this.signer = new LinkSigner(config.signing);
  }

  /**
   * The invitation's link: it works for LADDER_INVITATION_VALID_FOR from the invitation, whenever it is sent,
   * to the end of that day in the store's time zone (the e-mail prints the day).
   */
  join(customerId: string, invitedAt: Date, timeZone: string): { url: string; expiresAt: Date } {
    const lastDay = new Date(invitedAt.getTime() + this.config.loyalty.invitationValidForMs);
    const expires = Math.floor(endOfLocalDay(lastDay, timeZone).getTime() / 1000);
    const token = this.signer.sign({ purpose: 'join', subject: customerId, expires });
    return { url: `${this.config.publicUrl}/join/${token}`, expiresAt: new Date(expires * 1000) };
  }

  shareUrl(referralCode: string): string {
    return `${this.config.publicUrl}/refer/${encodeURIComponent(referralCode)}`;
  }

  verifyJoin(token: string): LinkCheck {
    return this.signer.verify(token, 'join');
  }
}
