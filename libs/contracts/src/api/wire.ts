import { z } from 'zod';

/**
 * The pieces every API answer is made of, so the OpenAPI document says the same of each: an instant is an
 * ISO-8601 date and time with its offset, a local day is `YYYY-MM-DD`, an amount is whole minor units.
 */
export const instant = z.iso
  .datetime({ offset: true })
  .meta({ id: 'Instant', description: 'An ISO-8601 date and time with its offset.' });
export const localDay = z.iso
  .date()
  .meta({ id: 'LocalDay', description: 'A local day of a store, YYYY-MM-DD.' });
export const count = z.number().int().min(0);

/** A page of a keyset-paged list: `nextCursor` is null on the last page. */
export const pageOf = <Item extends z.ZodType>(item: Item, id: string, description: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
    })
    .meta({ id, description });

/** An unpaged list, `{ items: [...] }`. */
export const listOf = <Item extends z.ZodType>(item: Item, id: string, description: string) =>
  z.object({ items: z.array(item) }).meta({ id, description });
