import { CrossSellOfferRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * An offer converts when a later purchase holds its category (by the voucher's expiry), whether or not the
 * voucher paid for it. Checked in the scoring transaction for the customers a batch touched, from their
 * stored purchases, in one statement per batch: a replay or a late event finds the same answer, and an offer
 * converted once is never converted again.
 */
@Injectable()
export class CrossSellConversions {
  private readonly logger = new Logger(CrossSellConversions.name);

  constructor(private readonly offers: CrossSellOfferRepository) {}

  async recordConversions(manager: EntityManager, customerIds: string[]): Promise<number> {
    const converted = await this.offers.convert(manager, customerIds);
    for (const { id, purchaseEventId } of converted)
      this.logger.log({ message: 'cross-sell offer converted', offerId: id, purchaseEventId });
    return converted.length;
  }
}
