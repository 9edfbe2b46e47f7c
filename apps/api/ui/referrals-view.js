// The referrals a fraud check held for a manager: each with its flags explained and the two decisions.
import { api, ApiError } from './api.js';
import { el, failure, fill, loading, render } from './dom.js';
import { formatDate } from './i18n.js';
import { mayReview, storeField } from './session.js';
import { state, t } from './state.js';

function referralQuery() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return { storeId: params.get('storeId') ?? '' };
}

/**
 * The referrals a fraud check held, newest first, each with its flags explained and the two decisions. A
 * decided referral leaves the list and the notice above it says what happened; `notice` carries that
 * message over when the list is loaded again.
 */
export async function showReferrals(notice) {
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
