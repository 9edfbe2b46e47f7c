// Building the page: elements from plain values, the main area, and how loading and failing look.
// Every text the API returns is put into the page as text, never as HTML.
import { ApiError } from './api.js';
import { t } from './state.js';

const app = document.getElementById('app');

/** Builds an element; strings become text nodes, so nothing the API says is read as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces what the main area shows. */
export function render(...nodes) {
  app.replaceChildren(...nodes);
}

export function loading() {
  return el('p', { class: 'state', role: 'status' }, t().loading);
}

/** How a failed load looks: what is missing (`notFound`, the view's own words), or a retry. */
export function failure(error, retry, notFound = t().notFound) {
  return el(
    'div',
    { class: 'state error', role: 'alert' },
    el('p', {}, error instanceof ApiError && error.status === 404 ? notFound : t().loadFailed),
    retry ? el('button', { class: 'secondary', type: 'button', onclick: retry }, t().retry) : null,
  );
}

/** A message with its {placeholders} filled in; each value is isolated, so ids read right in Persian too. */
export function fill(text, values) {
  return text.split(/\{(\w+)\}/).map((part, index) => (index % 2 ? el('bdi', {}, values[part] ?? '') : part));
}

/**
 * Whether the address still asks for what a view started loading: a slow answer for a page the person has
 * already left must not be drawn over the page they are on now.
 */
export function stillWanted(hash) {
  return location.hash === hash;
}
