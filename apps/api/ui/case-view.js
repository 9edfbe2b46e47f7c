// One case: its facts, the customer's answers, the actions the API allows, its history, and the customer.
import { api, ApiError } from './api.js';
import { caseActions } from './case-actions.js';
import { el, failure, loading, render, stillWanted } from './dom.js';
import { formatDate, formatMoney, formatNumber } from './i18n.js';
import { state, t } from './state.js';

/** The customer beside the case; the case is still shown (with a dash) when they cannot be loaded. */
const customerOf = (item) => api(`/api/customers/${encodeURIComponent(item.customerId)}`).catch(() => null);

export async function showCase(id) {
  const wanted = location.hash;
  render(el('p', {}, el('a', { href: '#/queue' }, t().back)), loading());
  let item;
  try {
    item = await api(`/api/cases/${encodeURIComponent(id)}`);
  } catch (error) {
    if (stillWanted(wanted) && !(error instanceof ApiError && error.status === 401))
      render(
        el('p', {}, el('a', { href: '#/queue' }, t().back)),
        failure(error, () => showCase(id)),
      );
    return;
  }
  const customer = await customerOf(item);
  // The person may have moved on while this loaded: then the page they are on stays.
  if (stillWanted(wanted)) renderCase(item, customer);
}

/** Shows the case as an action left it, with the notice that explains a refused step. */
async function showChanged(item, notice) {
  renderCase(item, await customerOf(item), notice);
}

function renderCase(item, customer, notice) {
  const m = t();
  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, m.status),
    el(
      'dd',
      {},
      el(
        'span',
        { class: `badge ${item.status}`, id: 'case-status' },
        m.statuses[item.status] ?? item.status,
      ),
    ),
    el('dt', {}, m.store),
    el('dd', {}, item.storeId),
    el('dt', {}, m.customer),
    el('dd', {}, item.customerId),
    el('dt', {}, m.priority),
    el('dd', {}, formatNumber(item.priority, state.language)),
    el('dt', {}, m.due),
    el(
      'dd',
      {},
      item.overdue
        ? el('span', { class: 'badge overdue' }, `${m.overdue} · ${formatDate(item.dueAt, state.language)}`)
        : formatDate(item.dueAt, state.language),
    ),
    el('dt', {}, m.owner),
    el('dd', {}, item.ownerName ?? m.unclaimed),
    item.rootCause
      ? [el('dt', {}, m.rootCause), el('dd', {}, m.rootCauses[item.rootCause] ?? item.rootCause)]
      : null,
    item.resolution ? [el('dt', {}, m.actionTaken), el('dd', { dir: 'auto' }, item.resolution)] : null,
  );
  const answers = el(
    'ul',
    {},
    ...item.answers.map((answer) =>
      el(
        'li',
        {},
        el(
          'span',
          { class: 'score low' },
          `${formatNumber(answer.score, state.language)}/${formatNumber(10, state.language)}`,
        ),
        ' · ',
        formatDate(answer.occurredAt, state.language),
        answer.comment ? el('blockquote', { dir: 'auto' }, answer.comment) : null,
      ),
    ),
  );
  const history = el(
    'ol',
    { class: 'history' },
    ...item.history.map((entry) =>
      el(
        'li',
        {},
        `${formatDate(entry.at, state.language)} · ${entry.actor} · ${m.actionNames[entry.action] ?? entry.action}`,
        entry.details?.text ? el('div', { dir: 'auto' }, entry.details.text) : null,
        entry.details?.rootCause
          ? el('div', {}, m.rootCauses[entry.details.rootCause] ?? entry.details.rootCause)
          : null,
      ),
    ),
  );
  render(
    el('p', {}, el('a', { href: '#/queue' }, m.back)),
    el('h1', {}, `${m.caseTitle} · ${item.storeId} · ${item.customerId}`),
    el(
      'div',
      { class: 'grid' },
      el(
        'div',
        {},
        el('section', { class: 'panel' }, facts),
        el('section', { class: 'panel' }, el('h2', {}, m.answers), answers),
        el(
          'section',
          { class: 'panel actions', id: 'actions' },
          el('h2', {}, m.actions),
          ...caseActions(item, { notice, show: showChanged }),
        ),
        el('section', { class: 'panel' }, el('h2', {}, m.history), history),
      ),
      el('aside', {}, customerPanel(customer)),
    ),
  );
}

function customerPanel(customer) {
  const m = t();
  if (!customer) return el('section', { class: 'panel' }, el('h2', {}, m.theCustomer), '—');
  const value = Object.entries(customer.valueMinor)
    .map(([currency, amount]) => formatMoney(amount, currency, state.language))
    .join(' · ');
  return el(
    'section',
    { class: 'panel' },
    el('h2', {}, m.theCustomer),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, m.customer),
      el(
        'dd',
        {},
        el(
          'a',
          { href: `#/customers/${encodeURIComponent(customer.id)}`, id: 'customer-link' },
          customer.name ?? customer.id,
        ),
      ),
      el('dt', {}, m.contact),
      el(
        'dd',
        { class: 'contact' },
        customer.phone
          ? el('div', {}, el('a', { dir: 'ltr', href: `tel:${customer.phone}` }, customer.phone))
          : null,
        customer.email
          ? el('div', {}, el('a', { dir: 'ltr', href: `mailto:${customer.email}` }, customer.email))
          : null,
        customer.phone || customer.email ? null : '—',
      ),
      el('dt', {}, m.stage),
      el('dd', {}, customer.stage ? (m.stages[customer.stage] ?? customer.stage) : '—'),
      el('dt', {}, m.segment),
      el('dd', {}, m.segments[customer.segment] ?? customer.segment),
      el('dt', {}, m.value),
      el('dd', {}, value || '—'),
      el('dt', {}, m.churn),
      el('dd', {}, m.churnLevels[customer.churnRisk.level] ?? customer.churnRisk.level),
      el('dt', {}, m.lastScore),
      el('dd', {}, customer.lastScore === null ? '—' : formatNumber(customer.lastScore, state.language)),
    ),
  );
}
