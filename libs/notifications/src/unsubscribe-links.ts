import { LADDER_CONFIG, type LadderConfig } from '#config';
import { signLink, verifyLink, type LinkCheck } from '#mail';
import { Inject, Injectable } from '@nestjs/common';

/** Unsubscribe links never expire (an old e-mail must still work); this is "never" in epoch seconds. */
const UNSUBSCRIBE_VALID_SECONDS = 20 * 365 * 86_400;

/** The signed unsubscribe link every e-mail to a customer carries, and its check when it is followed. */
@Injectable()
export class UnsubscribeLinks {
  constructor(@Inject(LADDER_CONFIG) private readonly config: LadderConfig) {}

  url(customerId: string): string {
    if (!this.config.signingSecret)
      throw new Error('LADDER_SIGNING_SECRET (or LADDER_ADMIN_TOKEN) is not set');
    const expires = Math.floor(Date.now() / 1000) + UNSUBSCRIBE_VALID_SECONDS;
    const token = signLink(
      { purpose: 'unsubscribe', subject: customerId, expires },
      this.config.signingSecret,
    );
    return `${this.config.publicUrl}/u/${token}`;
  }

  verify(token: string): LinkCheck {
    if (!this.config.signingSecret) return { ok: false, reason: 'forged' };
    return verifyLink(token, 'unsubscribe', this.config.signingSecret);
  }
}
