import { LadderError } from './api-error.js';

/** A keyset position (a timestamp to the microsecond and an id), opaque to clients. */
export interface PageCursor {
  at: string;
  id: string;
}

// PostgreSQL's text form of a timestamptz, e.g. `2026-12-01 13:12:04.123456+00`.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), 'utf8').toString('base64url');
}

export function decodePageCursor(text: string): PageCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && TIMESTAMP.test(at)) return { at, id };
  } catch {
    // Not JSON: answered below like any other cursor this API did not give.
  }
  throw LadderError.invalidRequest('cursor is not one this API gave');
}

/**
 * A page from rows read with one more than `limit`: the extra row only says that there is a next page, whose
 * cursor is the position of the page's last row.
 */
export function keysetPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  positionOf: (row: Row) => PageCursor,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodePageCursor(positionOf(last)) : null,
  };
}
