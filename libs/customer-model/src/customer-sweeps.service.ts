import { OutboxRelayService } from '#outbox';
import { CustomerModelRepository, OutboxRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomerModelService } from './customer-model.service.js';

const PAGE = 500;

export type Progress = (done: number, total: number) => Promise<void> | void;

/** Work over many customers at once, in pages of one transaction each, reporting progress. */
@Injectable()
export class CustomerSweepsService {
  private readonly logger = new Logger(CustomerSweepsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CustomerModelRepository,
    private readonly model: CustomerModelService,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  /**
   * Refreshes the customers whom time alone has moved (a Client's lapse, a broken rhythm): only those due,
   * found through an index, so it stays cheap with millions of customers. Safe to run anywhere and often.
   */
  async reviewDueCustomers(
    progress: Progress = () => undefined,
  ): Promise<{ customers: number; moves: number }> {
    const now = new Date();
    const total = await this.repository.countDueForReview(this.dataSource.manager, now);
    let customers = 0;
    let moves = 0;
    for (;;) {
      const page = await this.refreshPage(
        (manager) => this.repository.claimDueForReview(manager, now, PAGE),
        now,
      );
      customers += page.customers;
      moves += page.moves;
      await progress(customers, Math.max(total, customers));
      if (page.customers < PAGE) break;
    }
    if (customers > 0) this.logger.log({ message: 'reviewed customers due by time', customers, moves });
    return { customers, moves };
  }

  /**
   * Recomputes the RFM quintile boundaries from the whole customer base, then every customer's scores and
   * segment against them (and anything else time has changed).
   */
  async recomputeSegments(
    progress: Progress = () => undefined,
  ): Promise<{ customers: number; moves: number }> {
    const now = new Date();
    await this.dataSource.transaction((manager) => this.repository.recomputeBoundaries(manager, now));
    const total = await this.repository.countCustomers(this.dataSource.manager);
    let after = '';
    let customers = 0;
    let moves = 0;
    for (;;) {
      const page = await this.refreshPage(async (manager) => {
        const ids = await this.repository.customerIdsAfter(manager, after, PAGE);
        after = ids[ids.length - 1] ?? after;
        return ids;
      }, now);
      customers += page.customers;
      moves += page.moves;
      await progress(customers, Math.max(total, customers));
      if (page.customers < PAGE) break;
    }
    this.logger.log({ message: 'segments recomputed', customers, moves });
    return { customers, moves };
  }

  private async refreshPage(
    pick: (manager: Parameters<CustomerModelService['refresh']>[0]) => Promise<string[]>,
    now: Date,
  ): Promise<{ customers: number; moves: number }> {
    const { customers, moves, outboxIds } = await this.dataSource.transaction(async (manager) => {
      const ids = await pick(manager);
      const refreshed = await this.model.refresh(manager, ids, now);
      return {
        customers: ids.length,
        moves: refreshed.moves,
        outboxIds: await this.outbox.append(manager, refreshed.outbox),
      };
    });
    await this.relay.publishNow(outboxIds);
    return { customers, moves };
  }
}
