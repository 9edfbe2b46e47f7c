import { LADDER_CONFIG, type LadderConfig } from '#config';
import { LinkSigner, type LinkCheck } from '#mail';
import { Inject, Injectable } from '@nestjs/common';

/** Unsubscribe links never expire (an old e-mail must still work); this is "never" in epoch seconds. */
const UNSUBSCRIBE_VALID_SECONDS = 20 * 365 * 86_400;

/** The signed unsubscribe link every e-mail to a customer carries, and its check when it is followed. */
@Injectable()
export class UnsubscribeLinks {
  private readonly signer: LinkSigner;

  constructor(@Inject(LADDER_CONFIG) private readonly config: LadderConfig) {
    this.signer = new LinkSigner(config.signing);
  }

  url(customerId: string): string {
    const expires = Math.floor(Date.now() / 1000) + UNSUBSCRIBE_VALID_SECONDS;
    const token = this.signer.sign({ purpose: 'unsubscribe', subject: customerId, expires });
    return `${this.config.publicUrl}/u/${token}`;
  }

  verify(token: string): LinkCheck {
    return this.signer.verify(token, 'unsubscribe');
  }
}
