import { canSeeStore, type Principal } from '#access';
import {
  CUSTOMER_LIST_CSV_CAP,
  CUSTOMER_LIST_CSV_COLUMNS,
  csvLine,
  customerListCsvCells,
  decodeCustomerListCursor,
  encodeCustomerListCursor,
  isCustomerList,
  LadderError,
  type CustomerList,
  type CustomerListItemDto,
  type CustomerListPageDto,
  type CustomerListQuery,
} from '#contracts';
import { localDay, type Segment, type Stage } from '#domain';
import { StorePolicies } from '#directory';
import { CustomerListRepository, type CustomerListFilter, type CustomerListRow } from '#persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Rows read per statement while a CSV export streams. */
const EXPORT_PAGE = 1_000;

/** A CSV export, ready to stream: its file name, how many rows it holds, and whether the cap cut it. */
export interface CustomerListExport {
  filename: string;
  rows: number;
  capped: boolean;
  chunks: AsyncIterable<string>;
}

/**
 * The manager's lists of the customers who matter (docs/customer-model.md, Dashboard reports): at risk,
 * champions, promoters not yet in the club, lapsed clients; keyset-paged as JSON or exported whole as CSV,
 * always within the caller's stores. Names are in both because a manager works the list; none is logged.
 */
@Injectable()
export class CustomerLists {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lists: CustomerListRepository,
    private readonly stores: StorePolicies,
  ) {}

  async page(list: string, query: CustomerListQuery, principal: Principal): Promise<CustomerListPageDto> {
    const known = this.knownList(list);
    const filter = this.filterOf(query, principal);
    const after = query.cursor ? decodeCustomerListCursor(query.cursor) : null;
    const rows = await this.lists.page(
      this.dataSource.manager,
      known,
      { ...filter, after },
      principal.scope,
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      list: known,
      items: page.map(itemOf),
      nextCursor: rows.length > query.limit && last ? encodeCustomerListCursor(positionOf(last)) : null,
    };
  }

  /** Every row of the list (up to CUSTOMER_LIST_CSV_CAP), read a page at a time as it is written. */
  async export(
    list: string,
    query: CustomerListQuery,
    principal: Principal,
    now = new Date(),
  ): Promise<CustomerListExport> {
    const known = this.knownList(list);
    const filter = this.filterOf(query, principal);
    const manager = this.dataSource.manager;
    const [counted, timeZone] = await Promise.all([
      this.lists.count(manager, known, filter, principal.scope, CUSTOMER_LIST_CSV_CAP + 1),
      this.stores.timeZoneOf(manager, filter.storeId),
    ]);
    const rows = Math.min(counted, CUSTOMER_LIST_CSV_CAP);
    return {
      filename: `${known}-${localDay(now, timeZone)}.csv`,
      rows,
      capped: counted > CUSTOMER_LIST_CSV_CAP,
      chunks: this.csvChunks(known, filter, principal, rows),
    };
  }

  private async *csvChunks(
    list: CustomerList,
    filter: Omit<CustomerListFilter, 'after'>,
    principal: Principal,
    rows: number,
  ): AsyncIterable<string> {
    yield csvLine(CUSTOMER_LIST_CSV_COLUMNS);
    let after: CustomerListFilter['after'] = null;
    // Stops at the count the headers announced: a customer joining the list meanwhile waits for the next export.
    for (let written = 0; written < rows;) {
      const page = await this.lists.page(
        this.dataSource.manager,
        list,
        { ...filter, after },
        principal.scope,
        Math.min(EXPORT_PAGE, rows - written),
      );
      if (page.length === 0) return;
      written += page.length;
      after = positionOf(page[page.length - 1]!);
      yield page.map((row) => csvLine(customerListCsvCells(itemOf(row)))).join('');
    }
  }

  private knownList(list: string): CustomerList {
    if (!isCustomerList(list))
      throw new LadderError(
        'not-found',
        'unknown-list',
        'No such customer list: the lists are at-risk, champions, promoters-not-in-club and lapsed-clients',
      );
    return list;
  }

  /** A store outside the caller's stores answers 404, as a case there would. */
  private filterOf(query: CustomerListQuery, principal: Principal): Omit<CustomerListFilter, 'after'> {
    const storeId = query.storeId ?? null;
    if (storeId !== null && !canSeeStore(principal, storeId)) throw LadderError.notFound('The store');
    return { storeId, segment: query.segment ?? null };
  }
}

function itemOf(row: CustomerListRow): CustomerListItemDto {
  return {
    customerId: row.customerId,
    name: row.name,
    storeId: row.homeStoreId,
    stage: row.stage as Stage | null,
    segment: row.segment as Segment,
    churnLevel: row.churnLevel as CustomerListItemDto['churnLevel'],
    valueMinor: row.valueMinor,
    lastPurchaseAt: row.lastPurchaseAt?.toISOString() ?? null,
    lastScore: row.lastScore,
  };
}

function positionOf(row: CustomerListRow) {
  return { monetaryScore: row.monetaryScore, monetaryMinor: row.monetaryMinor, customerId: row.customerId };
}
