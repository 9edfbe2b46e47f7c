import type { StorePolicies, StorePolicy } from '#directory';
import type { OutboxTransaction, TransactionalOutbox } from '#outbox';
import type { CustomerRecord, CustomerRepository, StoredAnswer, SurveyAnswerRepository } from '#persistence';
import { UnrecoverableError } from 'bullmq';

/** Where a promoter batch reads and writes. */
export interface PromoterBatchSources {
  transactions: TransactionalOutbox;
  answers: SurveyAnswerRepository;
  customers: CustomerRepository;
  stores: StorePolicies;
}

/** What a batch reads once for all its answers, in its transaction: their customers and their stores. */
export interface PromoterBatch {
  customers: ReadonlyMap<string, CustomerRecord>;
  stores: ReadonlyMap<string, StorePolicy>;
}

/**
 * Decides each of a batch's promoter answers in one transaction and one commit, in one order (by customer,
 * then by event): every batch of the promoter loop locks its customers in that order as it goes, so two
 * batches with a customer in common wait for each other instead of deadlocking. Outcomes in the order given.
 */
export async function decidePromoterBatch<Outcome>(
  sources: PromoterBatchSources,
  surveyEventIds: readonly string[],
  decide: (transaction: OutboxTransaction, answer: StoredAnswer, batch: PromoterBatch) => Promise<Outcome>,
): Promise<Outcome[]> {
  return sources.transactions.run(async (transaction) => {
    const { manager } = transaction;
    const stored = await sources.answers.findMany(manager, surveyEventIds);
    const missing = surveyEventIds.filter((id) => !stored.has(id));
    if (missing.length > 0)
      throw new UnrecoverableError(`survey answer ${missing.join(', ')} does not exist`);
    const answers = [...stored.values()];
    // Two statements for the whole batch instead of two per answer; nothing the batch writes changes them.
    const [customers, stores] = await Promise.all([
      sources.customers.findMany(
        manager,
        answers.map((answer) => answer.customerId),
      ),
      sources.stores.ofMany(manager, [...new Set(answers.map((answer) => answer.storeId))]),
    ]);
    const decided = new Map<string, Outcome>();
    for (const answer of inCustomerOrder(answers))
      decided.set(answer.eventId, await decide(transaction, answer, { customers, stores }));
    return surveyEventIds.map((id) => decided.get(id)!);
  });
}

/** How many of a batch's answers came to each outcome: its job's result and its log line. */
export function outcomeCounts(outcomes: ReadonlyArray<{ outcome: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

function inCustomerOrder(answers: readonly StoredAnswer[]): StoredAnswer[] {
  const compare = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  return [...answers].sort((a, b) => compare(a.customerId, b.customerId) || compare(a.eventId, b.eventId));
}
