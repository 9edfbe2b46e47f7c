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

/**
 * One end of a period, as every API filter takes it: a calendar day (`2026-11-01`, read in the store's time
 * zone; as `to`, the whole day is in) or a date and time with its offset (`2026-11-01T08:00:00+03:30`; as
 * `to`, the instant itself is out).
 */
export const periodBound = z
  .union([localDay, instant], {
    error: 'must be a day (YYYY-MM-DD) or a date and time with its offset, e.g. 2026-11-01T08:00:00+03:30',
  })
  .meta({
    id: 'PeriodBound',
    description: 'A day (YYYY-MM-DD, in the store time zone) or an instant with its offset.',
  });

/** Whether a period's `from` comes after its `to` (days and instants compared at UTC, to refuse nonsense). */
export const periodOrdered = (query: { from?: string; to?: string }): boolean =>
  !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to);

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
