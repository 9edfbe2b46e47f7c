// The manager's dashboard: one period and store for every section, each section loaded on its own (with its
// own loading, empty and failed states), every figure from an API endpoint that counts it in SQL.
import { api } from './api.js';
import { destroyCharts } from './charts.js';
import { DASHBOARD_MESSAGES } from './dashboard-messages.js';
import {
  customerListsSection,
  ladderSection,
  npsSection,
  peopleSection,
  queueSection,
  rootCauseSection,
  themesSection,
} from './dashboard-sections.js';
import { el, failure, loading, render, stillWanted } from './dom.js';
import { storeField } from './session.js';
import { state } from './state.js';

const d = () => DASHBOARD_MESSAGES[state.language];
const INTERVALS = ['day', 'week', 'month'];
const PRESETS = [7, 30, 90];

/** The managers and admins who may read the dashboard's figures (the API says so too, on every route). */
export const mayReadDashboard = () => ['manager', 'admin'].includes(state.session?.role);

/** A local day `days` before today, YYYY-MM-DD (the API reads days in the store's time zone). */
function daysAgo(days) {
  const day = new Date(Date.now() - days * 86_400_000);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

function dashboardQuery() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const interval = params.get('interval');
  return {
    from: params.get('from') || daysAgo(29),
    to: params.get('to') || daysAgo(0),
    storeId: params.get('storeId') ?? '',
    interval: INTERVALS.includes(interval) ? interval : 'week',
  };
}

/** The query string of the period and store, for an API path. */
export function periodParams(query, extra = {}) {
  const params = new URLSearchParams({ from: query.from, to: query.to, ...extra });
  if (query.storeId) params.set('storeId', query.storeId);
  return params.toString();
}

function filters(query) {
  const from = el('input', { id: 'dash-from', type: 'date', value: query.from, required: true });
  const to = el('input', { id: 'dash-to', type: 'date', value: query.to, required: true });
  const store = storeField(query.storeId);
  const interval = el(
    'select',
    { id: 'dash-interval' },
    ...INTERVALS.map((value) =>
      el('option', { value, selected: value === query.interval }, d().intervals[value]),
    ),
  );
  const go = (next) => {
    const params = new URLSearchParams({ from: next.from, to: next.to, interval: next.interval });
    if (next.storeId) params.set('storeId', next.storeId);
    location.hash = `#/dashboard?${params}`;
  };
  const field = (text, input) => el('label', { class: 'field' }, el('span', {}, text), input);
  return el(
    'form',
    {
      class: 'panel dash-filters',
      id: 'dash-filters',
      onsubmit: (event) => {
        event.preventDefault();
        go({ from: from.value, to: to.value, storeId: store.value.trim(), interval: interval.value });
      },
    },
    field(d().from, from),
    field(d().to, to),
    field(d().store, store),
    field(d().interval, interval),
    el('button', { class: 'primary', type: 'submit' }, d().show),
    el(
      'span',
      { class: 'presets' },
      ...PRESETS.map((days) =>
        el(
          'button',
          {
            class: 'link',
            type: 'button',
            onclick: () => go({ ...query, from: daysAgo(days - 1), to: daysAgo(0) }),
          },
          d().presets[days],
        ),
      ),
    ),
  );
}

/** A section that loads its figures, then draws them; a failure offers to try again. */
function section(id, title, help, load, draw) {
  const body = el('div', { class: 'section-body' }, loading());
  const node = el(
    'section',
    { class: 'panel dash-section', id },
    el('h2', {}, title),
    help ? el('p', { class: 'help' }, help) : null,
    body,
  );
  const wanted = location.hash;
  const run = async () => {
    body.replaceChildren(loading());
    try {
      const data = await load();
      if (!stillWanted(wanted)) return;
      body.replaceChildren(...[draw(data)].flat(Infinity).filter(Boolean));
    } catch (error) {
      if (stillWanted(wanted)) body.replaceChildren(failure(error, run, d().unavailable));
    }
  };
  return { node, run };
}

export function showDashboard() {
  destroyCharts();
  const query = dashboardQuery();
  const period = periodParams(query);
  const sections = [
    section(
      'dash-nps',
      d().npsTrend,
      d().npsTrendHelp,
      async () => {
        const [trend, stores, regions] = await Promise.all([
          api(`/api/nps?${periodParams(query, { groupBy: query.interval, excludeFlagged: 'false' })}`),
          api(`/api/nps?${periodParams(query, { groupBy: 'store' })}`),
          api(`/api/nps?${periodParams(query, { groupBy: 'region' })}`),
        ]);
        return { trend, stores, regions };
      },
      (data) => npsSection(data, query),
    ),
    section('dash-ladder', d().ladder, d().ladderHelp, () => api(`/api/ladder?${period}`), ladderSection),
    section(
      'dash-queue',
      d().queueHealth,
      null,
      async () => {
        const [health, recovery] = await Promise.all([
          api(`/api/queue-health?${period}`),
          api(`/api/recovery?${period}`),
        ]);
        return { health, recovery };
      },
      queueSection,
    ),
    section(
      'dash-root-causes',
      d().rootCauses,
      d().rootCausesHelp,
      () => api(`/api/root-causes?${period}`),
      (report) => rootCauseSection(report, query),
    ),
    section('dash-people', d().people, d().peopleHelp, () => api(`/api/people?${period}`), peopleSection),
    section(
      'dash-themes',
      d().themes,
      null,
      () => api(`/api/themes?${periodParams(query, { interval: query.interval })}`),
      themesSection,
    ),
    section('dash-lists', d().lists, null, async () => query, customerListsSection),
  ];
  render(
    el('h1', { id: 'dash-title' }, d().title),
    filters(query),
    el('div', { class: 'dashboard' }, ...sections.map((item) => item.node)),
  );
  for (const item of sections) void item.run();
}

/** The dashboard's link in the header, for those who may read it. */
export function dashboardLink() {
  const link = document.getElementById('dashboard-link');
  if (!link) return;
  link.textContent = d().nav;
  link.hidden = !mayReadDashboard();
  if (location.hash.startsWith('#/dashboard')) link.setAttribute('aria-current', 'page');
  else link.removeAttribute('aria-current');
}
