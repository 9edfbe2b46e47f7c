// The person signed in: the sign-in form, the header that shows who they are, and the stores they may filter by.
import { api } from './api.js';
import { el, render } from './dom.js';
import { state, t } from './state.js';

// The roles that may approve or reject a held referral (docs/promoter-loop.md). The API answers no question
// per person for the header's links, so the role checks live here, and only here.
const REVIEWERS = ['manager', 'admin'];

export const mayReview = () => REVIEWERS.includes(state.session?.role);
const mayOpenQueueBoard = () => state.session?.role === 'admin';

/** The header in the language chosen, with the links this person may follow. */
export function applyLanguage() {
  const messages = t();
  document.documentElement.lang = state.language;
  document.documentElement.dir = messages.dir;
  document.getElementById('language').textContent = messages.otherLanguage;
  const signOut = document.getElementById('sign-out');
  signOut.textContent = messages.signOut;
  signOut.hidden = !state.session;
  const board = document.getElementById('queue-board');
  board.textContent = messages.queueBoard;
  board.hidden = !mayOpenQueueBoard();
  const referrals = document.getElementById('referrals-link');
  referrals.textContent = messages.referralsNav;
  referrals.hidden = !mayReview();
  if (location.hash.startsWith('#/referrals')) referrals.setAttribute('aria-current', 'page');
  else referrals.removeAttribute('aria-current');
  document.getElementById('who').textContent = state.session
    ? `${state.session.name} · ${state.session.role}`
    : '';
}

/** The store field of a filter form: the person's stores to choose from, or free text when they see them all. */
export function storeField(selected) {
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

export function showSignIn(message) {
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
