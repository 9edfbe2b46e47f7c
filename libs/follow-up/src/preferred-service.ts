import { LADDER_CONFIG, type LadderConfig } from '#config';
import type { StorePolicy } from '#directory';
import { casePriority, preferredService, type CasePriorityInput } from '#domain';
import { PointsRepository } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Preferred service for members of a tier (docs/promoter-loop.md, Tiers): their case is due within the
 * tier's SLA when it is sooner than the store's, and rises in the queue. The one place a case's SLA and
 * priority take the tier into account, for opening, reopening, rescheduling and refreshing alike.
 */
@Injectable()
export class PreferredService {
  constructor(
    private readonly points: PointsRepository,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** The SLA of the customer's case at the store. */
  async slaMs(manager: EntityManager, customerId: string, store: StorePolicy): Promise<number> {
    return (await this.slaMsOf(manager, [customerId]))(customerId, store);
  }

  /** The SLA of each customer's case at their store, for many at once: `slaOf(customerId, store)`. */
  async slaMsOf(
    manager: EntityManager,
    customerIds: readonly string[],
  ): Promise<(customerId: string, store: StorePolicy) => number> {
    const tiers = await this.points.tiersOf(manager, customerIds);
    return (customerId, store) =>
      preferredService(tiers.get(customerId) ?? null, store.followUpSlaMs, this.config.loyalty.tiers).slaMs;
  }

  /** A case's priority, with what its customer's tier adds. */
  priority(input: CasePriorityInput & { tier: string | null }): number {
    const { priorityBonus } = preferredService(input.tier, 0, this.config.loyalty.tiers);
    return casePriority({ ...input, preferredBonus: priorityBonus });
  }
}
