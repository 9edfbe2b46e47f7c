/**
 * Why a customer was unhappy, as the person who called them found out (documented in docs/closing-the-loop.md).
 * Small on purpose: a code a manager can count and compare across stores and weeks.
 */
export const ROOT_CAUSES = [
  'wait-time',
  'staff-behaviour',
  'product-defect',
  'delivery',
  'stock-availability',
  'price',
  'checkout-billing',
  'cleanliness',
  'policy',
  'expectation-mismatch',
  'other',
] as const;

export type RootCause = (typeof ROOT_CAUSES)[number];

/** The root cause recorded when the customer could not be reached at all. */
export const UNREACHABLE_ROOT_CAUSE = 'unknown';
