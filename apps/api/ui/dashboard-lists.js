// The customers who matter, a list at a time: at risk (most valuable first), champions, promoters not yet in
// the club, lapsed clients; a page at a time, each row linking to the customer, the whole list as CSV.
import { api } from './api.js';
import { DASHBOARD_MESSAGES } from './dashboard-messages.js';
import { el, failure, loading } from './dom.js';
import { formatDate, formatMoney, formatNumber } from './i18n.js';
import { state, t } from './state.js';

const d = () => DASHBOARD_MESSAGES[state.language];
const LISTS = ['at-risk', 'champions', 'promoters-not-in-club', 'lapsed-clients'];
const PAGE = 25;

const money = (valueMinor) =>
  Object.entries(valueMinor ?? {})
    .map(([currency, amount]) => formatMoney(amount, currency, state.language))
    .join(' · ') || '—';

function row(item) {
  const m = t();
  return el(
    'tr',
    {},
    el(
      'td',
      {},
      el(
        'a',
        { href: `#/customers/${encodeURIComponent(item.customerId)}` },
        el('bdi', {}, item.name ?? item.customerId),
      ),
    ),
    el('td', {}, item.storeId ?? '—'),
    el('td', {}, item.stage ? (m.stages[item.stage] ?? item.stage) : '—'),
    el('td', {}, item.segment ? (m.segments[item.segment] ?? item.segment) : '—'),
    el('td', {}, item.churnLevel ? (m.churnLevels[item.churnLevel] ?? item.churnLevel) : '—'),
    el('td', {}, money(item.valueMinor)),
    el('td', {}, item.lastPurchaseAt ? formatDate(item.lastPurchaseAt, state.language) : '—'),
    el('td', {}, item.lastScore === null ? '—' : formatNumber(item.lastScore, state.language)),
  );
}

/** The lists' tabs, the chosen list's first page, and its CSV link; `query` is the dashboard's store. */
export function customerListsSection(query) {
  const body = el('tbody', {});
  const status = el('div', {});
  const more = el(
    'button',
    { class: 'secondary', type: 'button', id: 'dash-list-more', hidden: true },
    d().more,
  );
  const csv = el('a', { id: 'dash-list-csv', class: 'button secondary', download: '' }, d().downloadCsv);
  let chosen = LISTS[0];
  let cursor = null;
  // Only the latest request may draw: a slow page of a list left behind, or a second click on "More",
  // must not add its rows.
  let latest = 0;
  const tabs = LISTS.map((list) =>
    el(
      'button',
      { type: 'button', role: 'tab', class: 'tab', 'data-list': list, onclick: () => choose(list) },
      d().listNames[list],
    ),
  );
  const path = (list, extra) => {
    const params = new URLSearchParams(extra);
    if (query.storeId) params.set('storeId', query.storeId);
    return `/api/customer-lists/${list}?${params}`;
  };
  const load = async (list, after) => {
    const request = ++latest;
    status.replaceChildren(after ? '' : loading());
    more.disabled = true;
    try {
      const page = await api(path(list, { limit: String(PAGE), ...(after ? { cursor: after } : {}) }));
      if (request !== latest) return;
      more.disabled = false;
      status.replaceChildren(page.items.length === 0 && !after ? el('p', { class: 'state' }, d().empty) : '');
      body.append(...page.items.map(row));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
    } catch (error) {
      if (request !== latest) return;
      more.disabled = false;
      status.replaceChildren(failure(error, () => load(list, after), d().unavailable));
    }
  };
  const choose = (list) => {
    chosen = list;
    cursor = null;
    body.replaceChildren();
    tabs.forEach((tab) => tab.setAttribute('aria-selected', String(tab.dataset.list === list)));
    csv.setAttribute('href', path(list, { format: 'csv' }));
    void load(list, null);
  };
  more.addEventListener('click', () => cursor && !more.disabled && load(chosen, cursor));
  choose(chosen);
  return [
    el('div', { class: 'tabs', role: 'tablist' }, ...tabs),
    el(
      'table',
      { id: 'dash-list', class: 'figures' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...[
            d().customer,
            d().storeCol,
            d().stage,
            d().segment,
            d().churn,
            d().value,
            d().lastPurchase,
            d().lastScore,
          ].map((label) => el('th', { scope: 'col' }, label)),
        ),
      ),
      body,
    ),
    status,
    el('div', { class: 'row' }, more, csv),
  ];
}
