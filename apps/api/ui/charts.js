// The dashboard's charts, drawn by Chart.js (served by Ladder itself at /ui/vendor/, no CDN). Every chart has
// a table of the same figures beside it, and tells its series apart by shape and dash as well as colour.
import { formatNumber } from './i18n.js';

const INK = '#1f2933';
const BLUE = '#2563ab';
const BAND = 'rgba(37, 99, 171, 0.15)';
const GREY = '#6b7280';

const drawn = new Set();

/** Forgets the charts of the page being left (each holds a canvas and a resize listener). */
export function destroyCharts() {
  for (const chart of drawn) chart.destroy();
  drawn.clear();
}

function draw(canvas, config) {
  const Chart = window.Chart;
  if (!Chart) return null;
  const chart = new Chart(canvas, config);
  drawn.add(chart);
  return chart;
}

const axisTicks = (language) => ({
  color: INK,
  callback: (value) => formatNumber(value, language),
});

/**
 * NPS over time with its 95 % band: the line is solid with round points, a period under the minimum sample
 * is a hollow triangle, and the band is a light area between its two edges.
 */
export function trendChart(canvas, points, words) {
  const rtl = words.language === 'fa';
  const value = (point) => point.nps;
  const edge = (sign) => (point) =>
    point.nps === null || point.margin === null
      ? null
      : Math.max(-100, Math.min(100, point.nps + sign * point.margin));
  return draw(canvas, {
    type: 'line',
    data: {
      labels: points.map((point) => point.label),
      datasets: [
        {
          label: words.nps,
          data: points.map(value),
          borderColor: BLUE,
          backgroundColor: BLUE,
          borderWidth: 2,
          pointStyle: points.map((point) => (point.lowSample ? 'triangle' : 'circle')),
          pointRadius: points.map((point) => (point.lowSample ? 6 : 3)),
          pointBackgroundColor: points.map((point) => (point.lowSample ? '#ffffff' : BLUE)),
          spanGaps: true,
          order: 0,
        },
        {
          label: words.band,
          data: points.map(edge(1)),
          borderColor: 'transparent',
          backgroundColor: BAND,
          pointRadius: 0,
          fill: '+1',
          spanGaps: true,
          order: 1,
        },
        {
          label: `${words.band} −`,
          data: points.map(edge(-1)),
          borderColor: GREY,
          borderDash: [4, 4],
          borderWidth: 1,
          backgroundColor: BAND,
          pointRadius: 0,
          fill: false,
          spanGaps: true,
          order: 2,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: rtl ? 'fa-IR' : 'en-GB',
      plugins: {
        legend: { rtl, labels: { usePointStyle: true, filter: (item) => !item.text.endsWith('−') } },
        tooltip: { rtl },
      },
      scales: {
        x: { reverse: rtl, ticks: { color: INK } },
        y: { min: -100, max: 100, position: rtl ? 'right' : 'left', ticks: axisTicks(words.language) },
      },
    },
  });
}

/** Bars of counts, each labelled; horizontal for long labels (root causes, themes). */
export function barChart(canvas, labels, values, words) {
  const rtl = words.language === 'fa';
  const horizontal = words.horizontal === true;
  return draw(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: words.label,
          data: values,
          backgroundColor: BLUE,
          borderColor: INK,
          borderWidth: 1,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      locale: rtl ? 'fa-IR' : 'en-GB',
      plugins: { legend: { display: false }, tooltip: { rtl } },
      scales: {
        x: horizontal
          ? { reverse: rtl, beginAtZero: true, ticks: axisTicks(words.language) }
          : { reverse: rtl, ticks: { color: INK } },
        y: horizontal
          ? { position: rtl ? 'right' : 'left', ticks: { color: INK } }
          : { beginAtZero: true, position: rtl ? 'right' : 'left', ticks: axisTicks(words.language) },
      },
    },
  });
}
