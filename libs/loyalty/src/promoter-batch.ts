import type { OutboxTransaction, TransactionalOutbox } from '#outbox';
import type { StoredAnswer, SurveyAnswerRepository } from '#persistence';
import { UnrecoverableError } from 'bullmq';

/**
 * Decides each of a batch's promoter answers in one transaction and one commit, in one order (by customer,
 * then by event): every batch of the promoter loop locks its customers in that order as it goes, so two
 * batches with a customer in common wait for each other instead of deadlocking. Outcomes in the order given.
 */
export async function decidePromoterBatch<Outcome>(
  transactions: TransactionalOutbox,
  answers: SurveyAnswerRepository,
  surveyEventIds: readonly string[],
  decide: (transaction: OutboxTransaction, answer: StoredAnswer) => Promise<Outcome>,
): Promise<Outcome[]> {
  return transactions.run(async (transaction) => {
    const stored = await answers.findMany(transaction.manager, surveyEventIds);
    const missing = surveyEventIds.filter((id) => !stored.has(id));
    if (missing.length > 0)
      throw new UnrecoverableError(`survey answer ${missing.join(', ')} does not exist`);
    const decided = new Map<string, Outcome>();
    for (const answer of inCustomerOrder([...stored.values()]))
      decided.set(answer.eventId, await decide(transaction, answer));
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
