import { OutboxRepository, type OutboxMessage } from '#persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxRelayService } from './outbox-relay.service.js';

/** One unit of work: its transaction, and the messages it decided to send once that transaction commits. */
export interface OutboxTransaction {
  readonly manager: EntityManager;
  /** Appended to the outbox in this transaction, so they exist exactly when its writes do. */
  publish(messages: readonly OutboxMessage[]): void;
  /** Runs once the transaction committed (to count what it did, say); never if it rolled back. */
  afterCommit(action: () => void): void;
}

/**
 * The one shape of every write that has effects elsewhere: open a transaction, do the work, append what it
 * decided (Kafka messages, jobs) to the outbox in the same transaction, and publish right after the commit.
 * A crash between commit and publish loses nothing: the outbox sweep publishes what is left.
 */
@Injectable()
export class TransactionalOutbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  async run<Result>(work: (transaction: OutboxTransaction) => Promise<Result>): Promise<Result> {
    const committed: Array<() => void> = [];
    const { result, outboxIds } = await this.dataSource.transaction(async (manager) => {
      const decided: OutboxMessage[] = [];
      committed.length = 0;
      const result = await work({
        manager,
        publish: (messages) => void decided.push(...messages),
        afterCommit: (action) => void committed.push(action),
      });
      return { result, outboxIds: await this.outbox.append(manager, decided) };
    });
    for (const action of committed) action();
    await this.relay.publishNow(outboxIds);
    return result;
  }
}
