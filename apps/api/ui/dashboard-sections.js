// The dashboard's sections, drawn from their API answers: each a chart with the same figures in a table, and
// links from a figure to the cases or customers behind it.
import { barChart, trendChart } from './charts.js';
import { DASHBOARD_MESSAGES } from './dashboard-messages.js';
import { figureTable, sortableTable } from './dashboard-table.js';
import { el, fill } from './dom.js';
import { formatNumber, locale } from './i18n.js';
import { state, t } from './state.js';

export { customerListsSection } from './dashboard-lists.js';

const d = () => DASHBOARD_MESSAGES[state.language];
const number = (value) => (value === null || value === undefined ? '—' : formatNumber(value, state.language));
const percent = (value) =>
  value === null || value === undefined
    ? '—'
    : new Intl.NumberFormat(locale(state.language), { style: 'percent', maximumFractionDigits: 0 }).format(
        value,
      );
const signed = (value) =>
  value === null
    ? '—'
    : `${value > 0 ? '+' : ''}${formatNumber(Math.round(value * 10) / 10, state.language)}`;
const margin = (value) =>
  value === null ? '—' : `± ${formatNumber(Math.round(value * 10) / 10, state.language)}`;
const empty = () => el('p', { class: 'state' }, d().empty);

/** A period's key as a person reads it: a day or a month in their calendar, a week as the ISO week. */
export function periodLabel(key) {
  // A month bucket is a Gregorian month (the API's): named as one, with its calendar, in either language.
  const options = /^\d{4}-\d{2}-\d{2}$/.test(key)
    ? { dateStyle: 'medium' }
    : /^\d{4}-\d{2}$/.test(key)
      ? { year: 'numeric', month: 'long', calendar: 'gregory' }
      : null;
  if (!options) return state.language === 'fa' ? key.replace(/\d/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[digit]) : key;
  const day = key.length === 7 ? `${key}-01` : key;
  return new Intl.DateTimeFormat(locale(state.language), { ...options, timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** A canvas drawn once it is on the page (Chart.js sizes it from its box). */
function chart(id, drawIt) {
  const canvas = el('canvas', { id, role: 'img', 'aria-label': id });
  window.requestAnimationFrame(() => drawIt(canvas));
  return el('div', { class: 'chart' }, canvas);
}

const npsColumns = (keyLabel, keyCell) => [
  { label: keyLabel, value: (row) => row.key, cell: keyCell },
  { label: d().responses, value: (row) => row.responses, cell: (row) => number(row.responses) },
  { label: d().promoters, value: (row) => row.promoters, cell: (row) => number(row.promoters) },
  { label: d().passives, value: (row) => row.passives, cell: (row) => number(row.passives) },
  { label: d().detractors, value: (row) => row.detractors, cell: (row) => number(row.detractors) },
  {
    label: d().nps,
    value: (row) => row.nps,
    cell: (row) => [
      el('span', { class: 'nps' }, signed(row.nps)),
      ' ',
      el('span', { class: 'margin' }, margin(row.marginOfError95)),
      row.lowSample ? el('span', { class: 'badge low-sample' }, ` ${d().lowSample}`) : null,
    ],
  },
];

export function npsSection({ trend, stores, regions }) {
  if (trend.total.responses === 0) return empty();
  const points = trend.rows.map((row) => ({
    label: periodLabel(row.key),
    nps: row.nps,
    margin: row.marginOfError95,
    lowSample: row.lowSample,
  }));
  const words = { language: state.language, nps: d().nps, band: d().marginBand };
  const storeLink = (row) => el('a', { href: `#/queue?storeId=${encodeURIComponent(row.key)}` }, row.key);
  return [
    chart('dash-nps-chart', (canvas) => trendChart(canvas, points, words)),
    sortableTable(
      'dash-nps-trend',
      npsColumns(d().key, (row) => periodLabel(row.key)),
      trend.rows,
    ),
    el('h3', {}, d().stores),
    sortableTable('dash-stores', npsColumns(d().storeCol, storeLink), [...stores.rows]),
    el(
      'p',
      { class: 'total', id: 'dash-nps-total' },
      `${d().total}: `,
      npsColumns('', null)[5].cell(stores.total),
    ),
    el('h3', {}, d().regions),
    sortableTable(
      'dash-regions',
      npsColumns(d().regionCol, (row) => row.key),
      regions.rows,
    ),
  ];
}

export function ladderSection(ladder) {
  const m = t();
  const stageName = (stage) => (stage === null ? d().newCustomer : (m.stages[stage] ?? stage));
  const order = ladder.stages.map((stage) => stage.stage);
  const direction = (move) =>
    move.from === null || order.indexOf(move.to) > order.indexOf(move.from) ? 'up' : 'down';
  const moved = (which) =>
    ladder.moves.filter((move) => direction(move) === which).reduce((sum, move) => sum + move.moves, 0);
  return [
    chart('dash-ladder-chart', (canvas) =>
      barChart(
        canvas,
        ladder.stages.map((stage) => stageName(stage.stage)),
        ladder.stages.map((stage) => stage.customers),
        { language: state.language, label: d().customersNow },
      ),
    ),
    figureTable(
      'dash-ladder-stages',
      [m.stage, d().customersNow],
      ladder.stages.map((stage) => [stageName(stage.stage), number(stage.customers)]),
    ),
    el(
      'p',
      { class: 'total', id: 'dash-ladder-summary' },
      fill(d().climbed, { count: number(moved('up')) }),
      ' · ',
      fill(d().fell, { count: number(moved('down')) }),
    ),
    ladder.moves.length === 0
      ? empty()
      : figureTable(
          'dash-ladder-flows',
          [d().flowFrom, d().flowTo, d().flowCount, ''],
          ladder.moves.map((move) => [
            stageName(move.from),
            stageName(move.to),
            number(move.moves),
            el(
              'span',
              { class: `flow ${direction(move)}` },
              direction(move) === 'up' ? `▲ ${d().up}` : `▼ ${d().down}`,
            ),
          ]),
        ),
  ];
}

function duration(ms) {
  if (ms === null) return '—';
  const hours = ms / 3_600_000;
  return hours < 48
    ? fill(d().hours, { value: formatNumber(Math.round(hours * 10) / 10, state.language) })
    : fill(d().days, { value: formatNumber(Math.round(hours / 2.4) / 10, state.language) });
}

export function queueSection({ health, recovery }) {
  if (health.rows.length === 0) return empty();
  const recovered = new Map(recovery.rows.map((row) => [row.storeId, row]));
  const link = (row, extra, text) =>
    el('a', { href: `#/queue?storeId=${encodeURIComponent(row.storeId)}${extra}` }, text);
  return sortableTable(
    'dash-queue-health',
    [
      { label: d().storeCol, value: (row) => row.storeId },
      { label: d().open, value: (row) => row.open, cell: (row) => link(row, '', number(row.open)) },
      {
        label: d().overdue,
        value: (row) => row.overdue,
        cell: (row) => link(row, '&overdue=true', number(row.overdue)),
      },
      { label: d().claimed, value: (row) => row.claimed, cell: (row) => number(row.claimed) },
      {
        label: d().firstContact,
        value: (row) => row.firstContactP50Ms,
        cell: (row) => [duration(row.firstContactP50Ms), ' · ', duration(row.firstContactP90Ms)],
      },
      {
        label: d().resolve,
        value: (row) => row.resolveP50Ms,
        cell: (row) => [duration(row.resolveP50Ms), ' · ', duration(row.resolveP90Ms)],
      },
      {
        label: d().slaCompliance,
        value: (row) => row.slaCompliance,
        cell: (row) => percent(row.slaCompliance),
      },
      {
        label: d().escalated,
        value: (row) => row.escalated,
        cell: (row) => `${number(row.escalated)} / ${number(row.opened)}`,
      },
      {
        label: d().recoveryRate,
        value: (row) => recovered.get(row.storeId)?.rate ?? null,
        cell: (row) => percent(recovered.get(row.storeId)?.rate ?? null),
      },
    ],
    health.rows,
  );
}

export function rootCauseSection(report, query) {
  if (report.rows.length === 0) return empty();
  const name = (cause) => t().rootCauses[cause] ?? cause;
  // A cause leads to the resolved cases behind it, in the dashboard's store.
  const casesOf = (cause) => {
    const params = new URLSearchParams({ status: 'resolved', rootCause: cause });
    if (query.storeId) params.set('storeId', query.storeId);
    return el('a', { href: `#/queue?${params}` }, name(cause));
  };
  // The outer loop's causes, named apart and marked in the table (in words, not by colour).
  const weeks = report.outerLoopWeeks.map(periodLabel).join(state.language === 'fa' ? '، ' : ', ');
  const recurring = report.rows.filter((row) => row.recurring);
  const badge = () => el('span', { class: 'badge recurring' }, ` ${d().recurring}`);
  return [
    el(
      'div',
      { id: 'dash-recurring', class: 'recurring-causes' },
      recurring.length === 0
        ? el('p', { class: 'state' }, fill(d().noneRecurring, { weeks }))
        : [
            el('p', {}, fill(d().recurringHelp, { weeks })),
            el(
              'ul',
              {},
              ...recurring.map((row) => el('li', {}, casesOf(row.rootCause), ` (${number(row.cases)})`)),
            ),
          ],
    ),
    chart('dash-root-cause-chart', (canvas) =>
      barChart(
        canvas,
        report.rows.map((row) => name(row.rootCause)),
        report.rows.map((row) => row.cases),
        { language: state.language, label: d().cases, horizontal: true },
      ),
    ),
    figureTable(
      'dash-root-causes-table',
      [d().rootCause, d().cases, d().share, d().cumulative, d().trend],
      report.rows.map((row) => [
        [casesOf(row.rootCause), row.recurring ? badge() : null],
        number(row.cases),
        percent(row.share),
        percent(row.cumulativeShare),
        row.weeks.map((week) => `${periodLabel(week.week)}: ${number(week.cases)}`).join(' · '),
      ]),
    ),
  ];
}

export function peopleSection(people) {
  if (people.ranked.length === 0 && people.notEnoughAnswers.length === 0) return empty();
  const name = (row) => row.name ?? row.employeeId;
  const words = (row) =>
    el(
      'ul',
      { class: 'words' },
      ...row.comments.map((item) => el('li', { dir: 'auto' }, `“${item.comment}” (${number(item.score)})`)),
    );
  return [
    el('h3', {}, d().ranked),
    people.ranked.length === 0
      ? empty()
      : figureTable(
          'dash-people-ranked',
          ['#', d().employee, d().storeCol, d().responses, d().nps, d().tens, d().words],
          people.ranked.map((row, index) => [
            number(index + 1),
            name(row),
            row.storeId ?? '—',
            number(row.responses),
            [signed(row.nps), ' ', margin(row.marginOfError95)],
            number(row.tens),
            words(row),
          ]),
        ),
    el('h3', {}, fill(d().notRanked, { minimum: number(people.minimumSample) })),
    people.notEnoughAnswers.length === 0
      ? empty()
      : figureTable(
          'dash-people-unranked',
          [d().employee, d().storeCol, d().responses, d().tens],
          people.notEnoughAnswers.map((row) => [
            name(row),
            row.storeId ?? '—',
            number(row.responses),
            number(row.tens),
          ]),
        ),
  ];
}

export function themesSection(report) {
  if (report.totals.length === 0) return empty();
  const name = (theme) => d().themeNames[theme] ?? theme;
  return [
    chart('dash-themes-chart', (canvas) =>
      barChart(
        canvas,
        report.totals.map((row) => name(row.theme)),
        report.totals.map((row) => row.answers),
        { language: state.language, label: d().answers, horizontal: true },
      ),
    ),
    figureTable(
      'dash-themes-table',
      [d().theme, d().answers, d().detractors, d().share],
      report.totals.map((row) => [
        name(row.theme),
        number(row.answers),
        number(row.detractors),
        percent(row.share),
      ]),
    ),
    figureTable(
      'dash-themes-trend',
      [d().key, ...report.totals.map((row) => name(row.theme))],
      report.buckets.map((bucket) => [
        periodLabel(bucket.start),
        ...report.totals.map((total) =>
          number(bucket.themes.find((item) => item.theme === total.theme)?.answers ?? 0),
        ),
      ]),
    ),
  ];
}
