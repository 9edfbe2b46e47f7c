import type { CustomerEventRow, CustomerEventType } from '#persistence';

/**
 * A promoter-loop event for the customer's history and customer-events.v1: no ladder move, and named by the
 * store it concerns (where the member was invited, where the friend bought, whose reward it is).
 */
export function loyaltyEvent(
  customerId: string,
  type: Exclude<CustomerEventType, 'stage-changed' | 'churn-risk-changed'>,
  storeId: string | null,
  details: Record<string, unknown>,
  at: Date,
): CustomerEventRow {
  return { customerId, type, fromStage: null, toStage: null, homeStoreId: storeId, details, effectiveAt: at };
}
