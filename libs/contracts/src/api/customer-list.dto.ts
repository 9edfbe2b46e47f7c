import { SEGMENTS, STAGES } from '#domain';
import { z } from 'zod';
import { LadderError } from './api-error.js';
import { instant } from './wire.js';

/** The manager's lists of customers who matter (docs/customer-model.md, Dashboard reports). */
export const CUSTOMER_LISTS = ['at-risk', 'champions', 'promoters-not-in-club', 'lapsed-clients'] as const;
export type CustomerList = (typeof CUSTOMER_LISTS)[number];

export const isCustomerList = (list: string): list is CustomerList =>
  (CUSTOMER_LISTS as readonly string[]).includes(list);

/** The most rows one CSV export holds; the answer says when the list was longer. */
export const CUSTOMER_LIST_CSV_CAP = 100_000;

export const customerListQuerySchema = z.object({
  storeId: z.string().min(1).max(64).optional().meta({ description: "The customers' home store." }),
  segment: z.enum(SEGMENTS, { error: `must be one of ${SEGMENTS.join(', ')}` }).optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(200, { error: 'must be at most 200' })
    .default(50),
  cursor: z.string().max(500).optional(),
  format: z
    .enum(['json', 'csv'], { error: 'must be json or csv' })
    .default('json')
    .meta({ description: '`csv`: every row of the list (not one page) as a download.' }),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

export const customerListItemDtoSchema = z
  .object({
    customerId: z.string(),
    name: z.string().nullable(),
    storeId: z.string().nullable().meta({ description: "The customer's home store." }),
    stage: z.enum(STAGES).nullable(),
    segment: z.enum(SEGMENTS),
    churnLevel: z.enum(['none', 'watch', 'high']),
    valueMinor: z
      .record(z.string(), z.number().int())
      .meta({ description: 'Lifetime value per currency, in minor units.' }),
    lastPurchaseAt: instant.nullable(),
    lastScore: z.number().int().min(0).max(10).nullable(),
  })
  .meta({ id: 'CustomerListItem' });
export type CustomerListItemDto = z.infer<typeof customerListItemDtoSchema>;

export const customerListPageDtoSchema = z
  .object({
    list: z.enum(CUSTOMER_LISTS),
    items: z.array(customerListItemDtoSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
  })
  .meta({
    id: 'CustomerListPage',
    description:
      '`GET /api/customer-lists/{list}`: a page of the customers at risk, the champions, the promoters not in the club or the lapsed clients of the caller’s stores, most valuable first.',
  });
export type CustomerListPageDto = z.infer<typeof customerListPageDtoSchema>;

/** The CSV export's columns, in order: the JSON item's fields, `valueMinor` as one `CUR amount` list. */
export const CUSTOMER_LIST_CSV_COLUMNS = [
  'customerId',
  'name',
  'storeId',
  'stage',
  'segment',
  'churnLevel',
  'valueMinor',
  'lastPurchaseAt',
  'lastScore',
] as const;

export function customerListCsvCells(item: CustomerListItemDto): Array<string | number | null> {
  const value = Object.entries(item.valueMinor)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, amount]) => `${currency} ${amount}`)
    .join('; ');
  return [
    item.customerId,
    item.name,
    item.storeId,
    item.stage,
    item.segment,
    item.churnLevel,
    value,
    item.lastPurchaseAt,
    item.lastScore,
  ];
}

/** Where a list page ends: the customer's value key and id (most valuable first), opaque to clients. */
export interface CustomerListCursor {
  monetaryScore: number;
  monetaryMinor: string;
  customerId: string;
}

export function encodeCustomerListCursor(cursor: CustomerListCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.monetaryScore, cursor.monetaryMinor, cursor.customerId]),
    'utf8',
  ).toString('base64url');
}

export function decodeCustomerListCursor(text: string): CustomerListCursor {
  try {
    const [score, minor, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof score === 'number' &&
      Number.isInteger(score) &&
      score >= -1 &&
      score <= 100 &&
      typeof minor === 'string' &&
      /^-?\d{1,18}$/.test(minor) &&
      typeof id === 'string'
    )
      return { monetaryScore: score, monetaryMinor: minor, customerId: id };
  } catch {
    // Not JSON: answered below like any other cursor this API did not give.
  }
  throw LadderError.invalidRequest('cursor is not one this API gave');
}
