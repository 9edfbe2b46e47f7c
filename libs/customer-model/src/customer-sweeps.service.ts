import { TransactionalOutbox } from '#outbox';
import { CustomerStateRepository, RfmBoundaryRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomerModelService } from './customer-model.service.js';

const PAGE = 500;

export type Progress = (done: number, total: number) => Promise<void> | void;

/** Work over many customers at once, in pages of one transaction each, reporting progress. */
@Injectable()
export class CustomerSweepsService {
  private readonly logger = new Logger(CustomerSweepsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly states: CustomerStateRepository,
    private readonly boundaries: RfmBoundaryRepository,
    private readonly model: CustomerModelService,
    private readonly transactions: TransactionalOutbox,
  ) {}

  /**
   * Refreshes the customers whom time alone has moved (a Client's lapse, a broken rhythm): only those due,
   * found through an index, so it stays cheap with millions of customers. Safe to run anywhere and often.
   */
  async reviewDueCustomers(
    progress: Progress = () => undefined,
  ): Promise<{ customers: number; moves: number }> {
    const now = new Date();
    const total = await this.states.countDueForReview(this.dataSource.manager, now);
    let customers = 0;
    let moves = 0;
    for (;;) {
      const page = await this.refreshPage(
        (manager) => this.states.claimDueForReview(manager, now, PAGE),
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
    await this.dataSource.transaction((manager) => this.boundaries.recomputeBoundaries(manager, now));
    const total = await this.states.countCustomers(this.dataSource.manager);
    let after = '';
    let customers = 0;
    let moves = 0;
    for (;;) {
      const page = await this.refreshPage(async (manager) => {
        const ids = await this.states.customerIdsAfter(manager, after, PAGE);
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
    pick: (manager: EntityManager) => Promise<string[]>,
    now: Date,
  ): Promise<{ customers: number; moves: number }> {
    return this.transactions.run(async (transaction) => {
      const ids = await pick(transaction.manager);
      const refreshed = await this.model.refresh(transaction, ids, now);
      return { customers: ids.length, moves: refreshed.moves };
    });
  }
}
