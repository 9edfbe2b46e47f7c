// Ladder's operations UI: sign in, the follow-up queue, one case at a time, and the referrals a fraud check held
// for a manager. Plain modules, no build step.
// Every text the API returns is put into the page as text, never as HTML.
import { formatDate, formatNumber, MESSAGES } from './i18n.js';

// The root causes a person may choose: the taxonomy of docs/closing-the-loop.md ("unknown" is Ladder's own).
const ROOT_CAUSES = Object.keys(MESSAGES.en.rootCauses).filter((code) => code !== 'unknown');
const STATUSES = ['active', 'open', 'claimed', 'contact-attempted', 'contacted', 'resolved', 'closed'];
const ACTIVE = ['open', 'claimed', 'contact-attempted', 'contacted'];
// The roles that may approve or reject a held referral (docs/promoter-loop.md).
const REVIEWERS = ['manager', 'admin'];

const state = { language: localStorage.getItem('ladder-language') === 'fa' ? 'fa' : 'en', session: null };
const app = document.getElementById('app');
const t = () => MESSAGES[state.language];
const mayReview = () => REVIEWERS.includes(state.session?.role);

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
  }
}

/** Builds an element; strings become text nodes, so nothing the API says is read as HTML. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...options,
    headers: { accept: 'application/json', ...(options.body ? { 'content-type': 'application/json' } : {}) },
  });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401 && !path.startsWith('/api/session')) {
    state.session = null;
    location.hash = '#/signin';
    throw new ApiError(401, body);
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function render(...nodes) {
  app.replaceChildren(...nodes);
}

function loading() {
  return el('p', { class: 'state', role: 'status' }, t().loading);
}

function failure(error, retry) {
  return el(
    'div',
    { class: 'state error', role: 'alert' },
    el('p', {}, error instanceof ApiError && error.status === 404 ? t().notFound : t().loadFailed),
    retry ? el('button', { class: 'secondary', type: 'button', onclick: retry }, t().retry) : null,
  );
}

/** A message with its {placeholders} filled in; each value is isolated, so ids read right in Persian too. */
function fill(text, values) {
  return text.split(/\{(\w+)\}/).map((part, index) => (index % 2 ? el('bdi', {}, values[part] ?? '') : part));
}

/** The store field of a filter form: the person's stores to choose from, or free text when they see them all. */
function storeField(selected) {
  const storeIds = state.session.scope.allStores ? null : state.session.scope.storeIds;
  return storeIds
    ? el(
        'select',
        { id: 'store', name: 'store' },
        el('option', { value: '' }, t().allStores),
        ...storeIds.map((id) => el('option', { value: id, selected: id === selected }, id)),
      )
    : el('input', { id: 'store', name: 'store', value: selected, placeholder: t().allStores });
}

function applyLanguage() {
  const messages = t();
  document.documentElement.lang = state.language;
  document.documentElement.dir = messages.dir;
  document.getElementById('language').textContent = messages.otherLanguage;
  const signOut = document.getElementById('sign-out');
  signOut.textContent = messages.signOut;
  signOut.hidden = !state.session;
  const board = document.getElementById('queue-board');
  board.textContent = messages.queueBoard;
  board.hidden = state.session?.role !== 'admin';
  const referrals = document.getElementById('referrals-link');
  referrals.textContent = messages.referralsNav;
  referrals.hidden = !mayReview();
  if (location.hash.startsWith('#/referrals')) referrals.setAttribute('aria-current', 'page');
  else referrals.removeAttribute('aria-current');
  document.getElementById('who').textContent = state.session
    ? `${state.session.name} · ${state.session.role}`
    : '';
}

// ---- sign in ----

function showSignIn(message) {
  const input = el('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
  });
  const error = el('p', { class: 'error-text', role: 'alert' }, message ?? '');
  const form = el(
    'form',
    {
      class: 'panel signin',
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        try {
          state.session = await api('/api/session', {
            method: 'POST',
            body: JSON.stringify({ token: input.value.trim() }),
          });
          // Bull Board sends people here to sign in and back; only Ladder's own pages are followed.
          const next = new URLSearchParams(location.hash.split('?')[1] ?? '').get('next');
          if (next === '/admin/queues' || next?.startsWith('/admin/queues/')) {
            location.assign(next);
            return;
          }
          applyLanguage();
          location.hash = '#/queue';
        } catch {
          error.textContent = t().badToken;
        }
      },
    },
    el('h1', {}, t().signIn),
    el('p', {}, t().signInHelp),
    el('label', { for: 'token' }, t().token),
    input,
    error,
    el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit' }, t().signIn)),
  );
  render(form);
  input.focus();
}

// ---- the queue ----

function queueQuery() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return {
    status: params.get('status') ?? 'active',
    storeId: params.get('storeId') ?? '',
    overdue: params.get('overdue') === 'true',
  };
}

async function showQueue() {
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
        location.hash = `#/queue?${params}`;
      },
    },
    el('div', {}, el('label', { for: 'status' }, t().status), status),
    el('div', {}, el('label', { for: 'store' }, t().store), store),
    el('div', { class: 'check' }, overdue, el('label', { for: 'overdue' }, t().overdueOnly)),
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

// ---- one case ----

async function showCase(id) {
  render(el('p', {}, el('a', { href: '#/queue' }, t().back)), loading());
  let item;
  let customer;
  try {
    item = await api(`/api/cases/${encodeURIComponent(id)}`);
    customer = await api(`/api/customers/${encodeURIComponent(item.customerId)}`).catch(() => null);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401))
      render(
        el('p', {}, el('a', { href: '#/queue' }, t().back)),
        failure(error, () => showCase(id)),
      );
    return;
  }
  renderCase(item, customer);
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
          ...actions(item, notice),
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
    .map(([currency, amount]) =>
      new Intl.NumberFormat(state.language === 'fa' ? 'fa-IR' : 'en-GB', {
        style: 'currency',
        currency,
      }).format(amount / 100),
    )
    .join(' · ');
  return el(
    'section',
    { class: 'panel' },
    el('h2', {}, m.theCustomer),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, m.customer),
      el('dd', {}, customer.name ?? customer.id),
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

/** The actions that fit the case's status and the person's role, each a small form. */
function actions(item, notice) {
  const m = t();
  const active = ACTIVE.includes(item.status);
  const manager = state.session.role !== 'agent';
  const mine = item.ownerId === null || manager || item.ownerName === state.session.name;
  const error = el('p', { class: 'error-text', role: 'alert', id: 'action-error' }, notice ?? '');
  const act = (action, body) => async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    for (const button of form.querySelectorAll('button')) button.disabled = true;
    error.textContent = '';
    try {
      const updated = await api(`/api/cases/${item.id}/${action}`, {
        method: 'POST',
        body: JSON.stringify(body(form)),
      });
      const customer = await api(`/api/customers/${encodeURIComponent(updated.customerId)}`).catch(
        () => null,
      );
      renderCase(updated, customer);
    } catch (failure) {
      const message = (failure instanceof ApiError && m.errors[failure.code]) || failure.message;
      if (failure instanceof ApiError && failure.status === 409) {
        // The case moved on under us: show it as it is now, with the reason the step was refused.
        const current = await api(`/api/cases/${item.id}`).catch(() => null);
        if (current) {
          const customer = await api(`/api/customers/${encodeURIComponent(current.customerId)}`).catch(
            () => null,
          );
          renderCase(current, customer, message);
          return;
        }
      }
      error.textContent = message;
      for (const button of form.querySelectorAll('button')) button.disabled = false;
    }
  };
  const forms = [];
  if (item.status === 'open' || (active && manager && item.ownerName !== state.session.name)) {
    forms.push(
      el(
        'form',
        { id: 'claim-form', onsubmit: act('claim', () => ({})) },
        el('button', { class: 'primary', type: 'submit' }, m.claim),
      ),
    );
  }
  if (active && item.status !== 'open' && mine) {
    forms.push(
      el(
        'form',
        {
          id: 'contact-form',
          onsubmit: act('contact', (form) => ({
            result: form.result.value,
            ...(form.note.value.trim() ? { note: form.note.value.trim() } : {}),
          })),
        },
        el('label', { for: 'contact-result' }, m.contactAttempt),
        el(
          'select',
          { id: 'contact-result', name: 'result' },
          ...['reached', 'no-answer', 'unreachable'].map((value) => el('option', { value }, m[value])),
        ),
        el('label', { for: 'contact-note' }, m.noteText),
        el('textarea', { id: 'contact-note', name: 'note', rows: 2, dir: 'auto' }),
        el('div', { class: 'row' }, el('button', { class: 'secondary', type: 'submit' }, m.save)),
      ),
      el(
        'form',
        {
          id: 'resolve-form',
          onsubmit: act('resolve', (form) => ({
            rootCause: form.rootCause.value,
            actionTaken: form.actionTaken.value.trim(),
          })),
        },
        el('label', { for: 'root-cause' }, m.rootCause),
        el(
          'select',
          { id: 'root-cause', name: 'rootCause', required: true },
          ...ROOT_CAUSES.map((value) => el('option', { value }, m.rootCauses[value])),
        ),
        el('label', { for: 'action-taken' }, m.actionTaken),
        el('textarea', { id: 'action-taken', name: 'actionTaken', rows: 3, required: true, dir: 'auto' }),
        el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit' }, m.resolve)),
      ),
    );
  }
  if (item.status !== 'closed') {
    forms.push(
      el(
        'form',
        { id: 'note-form', onsubmit: act('note', (form) => ({ text: form.text.value.trim() })) },
        el('label', { for: 'note-text' }, m.note),
        el('textarea', { id: 'note-text', name: 'text', rows: 2, required: true, dir: 'auto' }),
        el('div', { class: 'row' }, el('button', { class: 'secondary', type: 'submit' }, m.save)),
      ),
    );
  }
  if (active) {
    forms.push(
      el(
        'form',
        { id: 'escalate-form', onsubmit: act('escalate', (form) => ({ reason: form.reason.value.trim() })) },
        el('label', { for: 'escalate-reason' }, m.escalate),
        el('input', {
          id: 'escalate-reason',
          name: 'reason',
          required: true,
          placeholder: m.reason,
          dir: 'auto',
        }),
        el('div', { class: 'row' }, el('button', { class: 'secondary', type: 'submit' }, m.escalate)),
      ),
    );
  }
  if (item.status === 'resolved' || item.status === 'closed') {
    forms.push(
      el(
        'form',
        { id: 'reopen-form', onsubmit: act('reopen', (form) => ({ reason: form.reason.value.trim() })) },
        el('label', { for: 'reopen-reason' }, m.reopen),
        el('input', {
          id: 'reopen-reason',
          name: 'reason',
          required: true,
          placeholder: m.reason,
          dir: 'auto',
        }),
        el('div', { class: 'row' }, el('button', { class: 'secondary', type: 'submit' }, m.reopen)),
      ),
    );
  }
  if (item.status === 'resolved' && manager) {
    forms.push(
      el(
        'form',
        { id: 'close-form', onsubmit: act('close', () => ({})) },
        el('button', { class: 'secondary', type: 'submit' }, m.close),
      ),
    );
  }
  return [error, ...forms];
}

// ---- referrals to review ----

function referralQuery() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return { storeId: params.get('storeId') ?? '' };
}

/**
 * The referrals a fraud check held, newest first, each with its flags explained and the two decisions. A
 * decided referral leaves the list and the notice above it says what happened; `notice` carries that
 * message over when the list is loaded again.
 */
async function showReferrals(notice) {
  const m = t();
  if (!mayReview()) {
    render(
      el('h1', {}, m.referrals),
      el('p', { class: 'state error', role: 'alert', id: 'referrals-forbidden' }, m.referralsForbidden),
    );
    return;
  }
  const query = referralQuery();
  const store = storeField(query.storeId);
  const filters = el(
    'form',
    {
      class: 'panel filters',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = store.value
          ? `#/referrals?${new URLSearchParams({ storeId: store.value })}`
          : '#/referrals';
      },
    },
    el('div', {}, el('label', { for: 'store' }, m.store), store),
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, m.apply)),
  );
  const status = el('div', { id: 'referral-notice', class: 'notice', role: 'status', hidden: true });
  const say = ({ content, error }) => {
    status.className = error ? 'notice error' : 'notice';
    status.setAttribute('role', error ? 'alert' : 'status');
    status.replaceChildren(...content);
    status.hidden = false;
  };
  if (notice) say(notice);
  const list = el('section', { class: 'panel', id: 'referrals', 'aria-label': m.referrals }, loading());
  render(el('h1', {}, m.referrals), el('p', { class: 'intro' }, m.referralsIntro), filters, status, list);

  const rows = el('div', { class: 'referral-list' });
  const decided = (row, message) => {
    row.remove();
    say(message);
    // The last one on the page: ask again, for those after it or for the empty list.
    if (rows.childElementCount === 0 && location.hash.startsWith('#/referrals')) showReferrals(message);
  };
  const load = async (cursor) => {
    const params = new URLSearchParams({ status: 'review', limit: '25' });
    if (query.storeId) params.set('storeId', query.storeId);
    if (cursor) params.set('cursor', cursor);
    const page = await api(`/api/referrals?${params}`);
    for (const item of page.items) rows.append(referralRow(item, decided));
    return page;
  };
  try {
    const page = await load();
    if (page.items.length === 0) {
      list.replaceChildren(el('p', { class: 'state', id: 'referrals-empty' }, m.referralsEmpty));
      return;
    }
    list.replaceChildren(rows);
    let next = page.nextCursor;
    if (next) {
      const more = el('button', { class: 'secondary', type: 'button', id: 'referrals-more' }, m.more);
      const moreRow = el('div', { class: 'more' }, more);
      more.addEventListener('click', async () => {
        more.disabled = true;
        try {
          const following = await load(next);
          next = following.nextCursor;
          if (!next) moreRow.remove();
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 401))
            say({ content: [m.loadFailed], error: true });
        } finally {
          more.disabled = false;
        }
      });
      list.append(moreRow);
    }
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401))
      list.replaceChildren(failure(error, () => showReferrals()));
  }
}

/** One held referral: who brought whom, with which code, where and when; why it was held; the decisions. */
function referralRow(item, decided) {
  const m = t();
  const names = { friend: item.refereeId, referrer: item.referrerId };
  const error = el('p', { class: 'error-text', role: 'alert' });
  const row = el('article', { class: 'referral', 'data-referral-id': item.id });
  const decide = (action, body) => async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    error.textContent = '';
    const request = body(form);
    if (!request) return;
    for (const button of row.querySelectorAll('button')) button.disabled = true;
    try {
      await api(`/api/referrals/${encodeURIComponent(item.id)}/${action}`, {
        method: 'POST',
        body: JSON.stringify(request),
      });
      decided(row, { content: fill(action === 'approve' ? m.approvedNotice : m.rejectedNotice, names) });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return;
      if (failure instanceof ApiError && failure.status === 409) {
        // Someone decided it first: it is no longer in review, so it leaves the list with the API's reason.
        decided(row, {
          content: fill(m.notChangedNotice, { ...names, message: failure.message }),
          error: true,
        });
        return;
      }
      error.textContent =
        failure instanceof ApiError
          ? ({ 403: m.referralsForbidden, 404: m.referralNotFound }[failure.status] ?? failure.message)
          : m.loadFailed;
      for (const button of row.querySelectorAll('button')) button.disabled = false;
    }
  };
  const approveForm = el(
    'form',
    {
      class: 'approve-form',
      onsubmit: decide('approve', (form) => {
        const note = form.note.value.trim();
        return note ? { note } : {};
      }),
    },
    el('label', { for: `approve-note-${item.id}` }, m.approveLabel),
    el('input', {
      id: `approve-note-${item.id}`,
      name: 'note',
      maxlength: 1000,
      placeholder: m.noteOptional,
      dir: 'auto',
    }),
    el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit' }, m.approve)),
  );
  const rejectForm = el(
    'form',
    {
      class: 'reject-form',
      // The reason is checked here, so the refusal is a message on the page rather than a browser bubble.
      novalidate: true,
      onsubmit: decide('reject', (form) => {
        const reason = form.reason.value.trim();
        if (reason) {
          form.reason.removeAttribute('aria-invalid');
          return { reason };
        }
        form.reason.setAttribute('aria-invalid', 'true');
        error.textContent = m.reasonMissing;
        form.reason.focus();
        return null;
      }),
    },
    el('label', { for: `reject-reason-${item.id}` }, m.rejectLabel),
    el('input', {
      id: `reject-reason-${item.id}`,
      name: 'reason',
      required: true,
      maxlength: 1000,
      placeholder: m.reasonRequired,
      dir: 'auto',
    }),
    el('div', { class: 'row' }, el('button', { class: 'secondary danger', type: 'submit' }, m.reject)),
  );
  row.append(
    el(
      'div',
      {},
      el(
        'dl',
        { class: 'referral-facts' },
        el('dt', {}, m.friend),
        el('dd', { class: 'friend' }, item.refereeId),
        el('dt', {}, m.referrer),
        el('dd', { class: 'referrer' }, item.referrerId),
        el('dt', {}, m.code),
        el('dd', {}, el('span', { class: 'referral-code', dir: 'ltr' }, item.code)),
        el('dt', {}, m.store),
        el('dd', {}, item.storeId),
        el('dt', {}, m.converted),
        el('dd', {}, formatDate(item.convertedAt, state.language)),
      ),
      el('h2', {}, m.heldBecause),
      el(
        'ul',
        { class: 'flags' },
        ...item.flags.map((flag) =>
          el(
            'li',
            { 'data-flag': flag },
            el('span', { class: 'badge flag' }, m.referralFlags[flag] ?? flag),
            el('span', { class: 'flag-help' }, m.referralFlagHelp[flag] ?? ''),
          ),
        ),
      ),
    ),
    el('div', { class: 'referral-decision' }, error, approveForm, rejectForm),
  );
  return row;
}

// ---- routing ----

async function route() {
  applyLanguage();
  const hash = location.hash || '#/queue';
  if (hash.startsWith('#/signin')) return showSignIn();
  if (!state.session) {
    try {
      state.session = await api('/api/session');
      applyLanguage();
    } catch {
      return showSignIn();
    }
  }
  if (hash.startsWith('#/referrals')) return showReferrals();
  const caseMatch = /^#\/cases\/([0-9a-f-]{36})/i.exec(hash);
  if (caseMatch) return showCase(caseMatch[1]);
  return showQueue();
}

document.getElementById('language').addEventListener('click', () => {
  state.language = state.language === 'fa' ? 'en' : 'fa';
  localStorage.setItem('ladder-language', state.language);
  route();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' });
  state.session = null;
  location.hash = '#/signin';
});

window.addEventListener('hashchange', route);
route();
