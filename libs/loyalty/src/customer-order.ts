/**
 * Answers sorted by customer, then by event: the one order every batch of the promoter loop locks its
 * customers in, so two batches with a customer in common wait for each other instead of deadlocking.
 */
export function inCustomerOrder<Answer extends { customerId: string; eventId: string }>(
  answers: readonly Answer[],
): Answer[] {
  const compare = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  return [...answers].sort((a, b) => compare(a.customerId, b.customerId) || compare(a.eventId, b.eventId));
}
