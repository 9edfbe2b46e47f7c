// The steps a person can take on a case, each a small form. Which ones is the API's answer (`allowedActions`,
// decided by the domain's availableCaseActions); the UI never works out status, role or ownership rules itself.
import { api, ApiError } from './api.js';
import { el } from './dom.js';
import { MESSAGES } from './i18n.js';
import { t } from './state.js';

// The root causes a person may choose: the taxonomy of docs/closing-the-loop.md ("unknown" is Ladder's own).
const ROOT_CAUSES = Object.keys(MESSAGES.en.rootCauses).filter((code) => code !== 'unknown');

/** Each action's form, in the order a person works a case; `act(action, body)` makes its submit handler. */
const ACTION_FORMS = {
  claim: (m, act) =>
    el(
      'form',
      { id: 'claim-form', onsubmit: act('claim', () => ({})) },
      el('button', { class: 'primary', type: 'submit' }, m.claim),
    ),
  contact: (m, act) =>
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
  resolve: (m, act) =>
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
  note: (m, act) =>
    el(
      'form',
      { id: 'note-form', onsubmit: act('note', (form) => ({ text: form.text.value.trim() })) },
      el('label', { for: 'note-text' }, m.note),
      el('textarea', { id: 'note-text', name: 'text', rows: 2, required: true, dir: 'auto' }),
      el('div', { class: 'row' }, el('button', { class: 'secondary', type: 'submit' }, m.save)),
    ),
  escalate: (m, act) => reasonForm('escalate', m.escalate, m, act),
  reopen: (m, act) => reasonForm('reopen', m.reopen, m, act),
  close: (m, act) =>
    el(
      'form',
      { id: 'close-form', onsubmit: act('close', () => ({})) },
      el('button', { class: 'secondary', type: 'submit' }, m.close),
    ),
};

/** Escalating and reopening ask for one thing, the reason. */
function reasonForm(action, label, m, act) {
  return el(
    'form',
    { id: `${action}-form`, onsubmit: act(action, (form) => ({ reason: form.reason.value.trim() })) },
    el('label', { for: `${action}-reason` }, label),
    el('input', {
      id: `${action}-reason`,
      name: 'reason',
      required: true,
      placeholder: m.reason,
      dir: 'auto',
    }),
    el('div', { class: 'row' }, el('button', { class: 'secondary', type: 'submit' }, label)),
  );
}

/**
 * The forms of the actions the API allows on this case now, after the line that reports a refused step.
 * `show(case, notice)` puts the case on the page again as an action left it.
 */
export function caseActions(item, { notice, show }) {
  const m = t();
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
      await show(updated);
    } catch (failure) {
      const message = (failure instanceof ApiError && m.errors[failure.code]) || failure.message;
      if (failure instanceof ApiError && failure.status === 409) {
        // The case moved on under us: show it as it is now, with the reason the step was refused.
        const current = await api(`/api/cases/${item.id}`).catch(() => null);
        if (current) {
          await show(current, message);
          return;
        }
      }
      error.textContent = message;
      for (const button of form.querySelectorAll('button')) button.disabled = false;
    }
  };
  const forms = Object.entries(ACTION_FORMS)
    .filter(([action]) => item.allowedActions.includes(action))
    .map(([, form]) => form(m, act));
  return [error, ...forms];
}
