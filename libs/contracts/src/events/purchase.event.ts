import { z } from 'zod';
import { commonEventShape, eventIdSchema, identifier } from './common.js';

const amountMinorSchema = (what: string) =>
  z
    .number({ error: `${what} must be a number of minor currency units` })
    .int({ error: `${what} must be a whole number of minor currency units` })
    .min(0, { error: `${what} must not be negative` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${what} is too large` });

export const purchaseItemSchema = z.object({
  sku: identifier('items[].sku'),
  category: identifier('items[].category').optional(),
  quantity: z
    .number({ error: 'items[].quantity must be a number' })
    .int({ error: 'items[].quantity must be a whole number' })
    .min(1, { error: 'items[].quantity must be at least 1' })
    .max(1_000_000),
  unitPriceMinor: amountMinorSchema('items[].unitPriceMinor'),
});

export const purchaseEventSchema = z.object({
  ...commonEventShape,
  employeeId: identifier('employeeId').optional(),
  orderId: identifier('orderId'),
  total: z.object(
    {
      amountMinor: amountMinorSchema('total.amountMinor'),
      currency: z
        .string({ error: 'total.currency must be a string' })
        .regex(/^[A-Z]{3}$/, { error: 'total.currency must be an ISO 4217 code such as IRR or USD' }),
    },
    { error: 'total must be an object with amountMinor and currency' },
  ),
  items: z.array(purchaseItemSchema).max(1000, { error: 'items must hold at most 1000 lines' }).optional(),
  channel: z
    .enum(['store', 'online', 'phone'], { error: 'channel must be store, online or phone' })
    .optional(),
  referralCode: identifier('referralCode', 64).optional(),
  /** A voucher the customer paid with (docs/promoter-loop.md, Vouchers): redeemed once, or refused with why. */
  voucherCode: identifier('voucherCode', 64).optional(),
  /**
   * This event returns the purchase with this eventId (a refund; `total` is what was paid back): it restores
   * the voucher that purchase used, and is not a purchase itself.
   */
  refundOf: eventIdSchema.optional(),
});

/** A message of `<prefix>.purchases.v1`. */
export type PurchaseEvent = z.infer<typeof purchaseEventSchema>;
