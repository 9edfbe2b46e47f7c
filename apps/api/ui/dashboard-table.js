// The dashboard's tables: every chart's figures as a table too, and tables a manager can sort by any column.
import { el } from './dom.js';

/**
 * A table whose column headers sort it (again: the other way). `columns` are `{ label, value, cell }`: the value
 * sorts, the cell shows (a node or text; the value when left out).
 */
export function sortableTable(id, columns, rows, { caption } = {}) {
  let sortBy = null;
  let ascending = false;
  const body = el('tbody', {});
  const headers = columns.map((column, index) =>
    el(
      'th',
      { scope: 'col', 'aria-sort': 'none' },
      el('button', { type: 'button', class: 'link sort', onclick: () => sort(index) }, column.label),
    ),
  );
  const fillBody = () => {
    const ordered = [...rows];
    if (sortBy !== null) {
      const value = columns[sortBy].value;
      ordered.sort((left, right) => compare(value(left), value(right)) * (ascending ? 1 : -1));
    }
    body.replaceChildren(
      ...ordered.map((row) =>
        el(
          'tr',
          {},
          ...columns.map((column) => el('td', {}, column.cell ? column.cell(row) : column.value(row))),
        ),
      ),
    );
  };
  const sort = (index) => {
    ascending = sortBy === index ? !ascending : false;
    sortBy = index;
    headers.forEach((header, at) =>
      header.setAttribute('aria-sort', at === index ? (ascending ? 'ascending' : 'descending') : 'none'),
    );
    fillBody();
  };
  fillBody();
  return el(
    'table',
    { id, class: 'figures' },
    caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, ...headers)),
    body,
  );
}

/** A plain table of figures: a header row and rows of cells. */
export function figureTable(id, labels, rows) {
  return el(
    'table',
    { id, class: 'figures' },
    el('thead', {}, el('tr', {}, ...labels.map((label) => el('th', { scope: 'col' }, label)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((cell) => el('td', {}, cell))))),
  );
}

function compare(left, right) {
  if (left === right) return 0;
  if (left === null || left === undefined) return -1;
  if (right === null || right === undefined) return 1;
  return left < right ? -1 : 1;
}
