// The follow-up queue: cases filtered by status, store and overdue, highest priority first, a page at a time.
import { api, ApiError } from './api.js';
import { el, failure, loading, render } from './dom.js';
import { formatDate, formatNumber } from './i18n.js';
import { storeField } from './session.js';
import { state, t } from './state.js';

// The statuses to filter by, in the order a case moves through them; "active" is every one still to work.
const STATUSES = ['active', 'open', 'claimed', 'contact-attempted', 'contacted', 'resolved', 'closed'];

function queueQuery() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return {
    status: params.get('status') ?? 'active',
    storeId: params.get('storeId') ?? '',
    overdue: params.get('overdue') === 'true',
    // Set by the dashboard's root causes: the cases behind one of them.
    rootCause: params.get('rootCause') ?? '',
  };
}

export async function showQueue() {
  const query = queueQuery();
  const status = el(
    'select',
    { id: 'status', name: 'status' },
    ...STATUSES.map((value) =>
      el('option', { value, selected: value === query.status }, t().statuses[value]),
    ),
  );
  const store = storeField(query.storeId);
  const overdue = el('input', { id: 'overdue', type: 'checkbox', checked: query.overdue });
  const filters = el(
    'form',
    {
      class: 'panel filters',
      onsubmit: (event) => {
        event.preventDefault();
        const params = new URLSearchParams({ status: status.value });
        if (store.value) params.set('storeId', store.value);
        if (overdue.checked) params.set('overdue', 'true');
        if (query.rootCause) params.set('rootCause', query.rootCause);
        location.hash = `#/queue?${params}`;
      },
    },
    el('div', {}, el('label', { for: 'status' }, t().status), status),
    el('div', {}, el('label', { for: 'store' }, t().store), store),
    el('div', { class: 'check' }, overdue, el('label', { for: 'overdue' }, t().overdueOnly)),
    query.rootCause
      ? el(
          'div',
          { class: 'check', id: 'root-cause-filter' },
          `${t().rootCause}: ${t().rootCauses[query.rootCause] ?? query.rootCause} `,
          el('a', { href: `#/queue?status=${query.status}` }, '✕'),
        )
      : null,
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, t().apply)),
  );
  const list = el('section', { class: 'panel', 'aria-label': t().queue }, loading());
  render(el('h1', {}, t().queue), filters, list);

  const body = el('tbody');
  const table = el(
    'table',
    { id: 'queue' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['priority', 'customer', 'store', 'score', 'comment', 'status', 'owner', 'due'].map((key) =>
          el('th', { scope: 'col' }, t()[key]),
        ),
      ),
    ),
    body,
  );
  const load = async (cursor) => {
    const params = new URLSearchParams({ limit: '25' });
    if (query.status !== 'all') params.set('status', query.status);
    if (query.storeId) params.set('storeId', query.storeId);
    if (query.overdue) params.set('overdue', 'true');
    if (query.rootCause) params.set('rootCause', query.rootCause);
    if (cursor) params.set('cursor', cursor);
    const page = await api(`/api/cases?${params}`);
    for (const item of page.items) body.append(caseRow(item));
    return page;
  };
  try {
    const page = await load();
    if (page.items.length === 0) {
      list.replaceChildren(el('p', { class: 'state' }, t().empty));
      return;
    }
    list.replaceChildren(table);
    let next = page.nextCursor;
    if (next) {
      const more = el('button', { class: 'secondary', type: 'button' }, t().more);
      more.addEventListener('click', async () => {
        more.disabled = true;
        const following = await load(next);
        next = following.nextCursor;
        more.disabled = false;
        if (!next) more.remove();
      });
      list.append(el('div', { class: 'more' }, more));
    }
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) list.replaceChildren(failure(error, showQueue));
  }
}

function caseRow(item) {
  const open = () => (location.hash = `#/cases/${item.id}`);
  return el(
    'tr',
    {
      class: 'case-row',
      'data-case-id': item.id,
      tabindex: 0,
      onclick: open,
      onkeydown: (event) => event.key === 'Enter' && open(),
    },
    el('td', {}, formatNumber(item.priority, state.language)),
    el('td', { class: 'nowrap' }, item.customerId),
    el('td', { class: 'nowrap' }, item.storeId),
    el(
      'td',
      {},
      el(
        'span',
        { class: `score ${item.score <= 6 ? 'low' : ''}` },
        `${formatNumber(item.score, state.language)}/${formatNumber(10, state.language)}`,
      ),
    ),
    el(
      'td',
      { class: 'comment', dir: 'auto' },
      item.comment ? (item.comment.length > 90 ? `${item.comment.slice(0, 90)}…` : item.comment) : '—',
    ),
    el('td', {}, el('span', { class: `badge ${item.status}` }, t().statuses[item.status] ?? item.status)),
    el('td', {}, item.ownerName ?? t().unclaimed),
    el(
      'td',
      {},
      item.overdue
        ? el('span', { class: 'badge overdue' }, `${t().overdue} · ${formatDate(item.dueAt, state.language)}`)
        : formatDate(item.dueAt, state.language),
    ),
  );
}
