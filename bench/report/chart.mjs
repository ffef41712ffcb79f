// bench/results/chart.svg: accept throughput against its limits, end-to-end latency
// against its targets, and the memory of the relay and its store over the memory run.
import { memorySamples } from './memory-figures.mjs';
import { decades, line, linearScale, logScale, polyline, rect, svgDocument, text } from './svg.mjs';

const COLORS = {
  relay: '#d9480f',
  koa: '#1c7ed6',
  store: '#2f9e44',
  p50: '#f59f00',
  heap: '#7048e8',
  storeRss: '#0c8599',
};
const toSeries = (pairs) => pairs.map(([name, color]) => ({ name, color }));
const ACCEPT_SERIES = toSeries([
  ['relay', COLORS.relay],
  ['(a) bare Koa', COLORS.koa],
  ['(b) store writes', COLORS.store],
]);
const LATENCY_SERIES = toSeries([
  ['accept p99', COLORS.koa],
  ['delivered p50', COLORS.p50],
  ['delivered p99', COLORS.relay],
]);
const MEMORY_SERIES = toSeries([
  ['relay RSS', COLORS.relay],
  ['store RSS', COLORS.storeRss],
  ['relay heap', COLORS.heap],
]);
const PANEL = { width: 340, top: 56, bottom: 250 };

const short = (value) =>
  value >= 1000 ? `${value / 1000}k` : value >= 1 ? String(value) : value.toFixed(1);

function legend(x, y, series) {
  return series.flatMap((s, i) => [
    rect(x + i * 105, y - 9, 10, 10, s.color),
    text(x + i * 105 + 14, y, s.name, { size: 10 }),
  ]);
}

/** Grouped bars on a log axis; Infinity draws a pale full-height bar labelled `overflow`. */
function barPanel({ x0, title, unit, groups, series, min, max, targets = [], overflow }) {
  const left = x0 + 48;
  const right = x0 + PANEL.width - 12;
  const y = logScale(min, max, PANEL.bottom, PANEL.top);
  const parts = [text(x0 + 10, 24, title, { size: 13, weight: 'bold' })];
  for (const tick of decades(min, max).filter((t) => t >= min && t <= max)) {
    parts.push(line(left, y(tick), right, y(tick), { stroke: '#e9ecef' }));
    parts.push(
      text(left - 6, y(tick) + 4, `${short(tick)}`, { size: 10, anchor: 'end', fill: '#666' }),
    );
  }
  parts.push(text(x0 + 10, 42, unit, { size: 10, fill: '#666' }));
  const band = (right - left) / groups.length;
  const barWidth = (band * 0.78) / series.length;
  groups.forEach((group, g) => {
    const start = left + g * band + band * 0.11;
    group.values.forEach((value, s) => {
      const x = start + s * barWidth;
      if (Number.isNaN(value)) return;
      const infinite = value === Number.POSITIVE_INFINITY;
      const top = infinite ? PANEL.top : y(Math.max(value, min));
      const fill = infinite ? `${series[s].color}55` : series[s].color;
      parts.push(
        rect(
          x,
          top,
          barWidth - 2,
          PANEL.bottom - top,
          fill,
          `${series[s].name}: ${infinite ? overflow : value}`,
        ),
      );
      if (infinite)
        parts.push(
          text(x + barWidth / 2 - 1, PANEL.top - 3, overflow, { size: 8, anchor: 'middle' }),
        );
    });
    parts.push(
      text(left + g * band + band / 2, PANEL.bottom + 15, group.label, {
        size: 11,
        anchor: 'middle',
      }),
    );
  });
  for (const target of targets) {
    parts.push(
      line(left, y(target.value), right, y(target.value), { stroke: '#c92a2a', dash: '5,3' }),
    );
    parts.push(
      text(right, y(target.value) - 3, target.label, { size: 9, anchor: 'end', fill: '#c92a2a' }),
    );
  }
  parts.push(line(left, PANEL.bottom, right, PANEL.bottom, { stroke: '#333' }));
  parts.push(...legend(left - 30, PANEL.bottom + 38, series));
  return parts;
}

function memoryPanel(x0, memory) {
  const left = x0 + 48;
  const right = x0 + PANEL.width - 12;
  const samples = memorySamples(memory);
  const maxMessages = Math.max(1, ...samples.map((s) => s.delivered));
  const known = (key) => samples.filter((s) => Number.isFinite(s[key]));
  const maxMB =
    Math.max(1, ...samples.flatMap((s) => [s.relayMB, s.storeMB]).filter(Number.isFinite)) * 1.15;
  const x = linearScale(0, maxMessages, left, right);
  const y = linearScale(0, maxMB, PANEL.bottom, PANEL.top);
  const parts = [
    text(x0 + 10, 24, 'Memory during the memory run', { size: 13, weight: 'bold' }),
    text(x0 + 10, 42, 'MB over messages delivered', { size: 10, fill: '#666' }),
  ];
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const mb = Math.round(maxMB * fraction);
    parts.push(line(left, y(mb), right, y(mb), { stroke: '#e9ecef' }));
    parts.push(text(left - 6, y(mb) + 4, String(mb), { size: 10, anchor: 'end', fill: '#666' }));
  }
  for (const [key, color] of [
    ['relayMB', COLORS.relay],
    ['storeMB', COLORS.storeRss],
    ['heapMB', COLORS.heap],
  ]) {
    parts.push(
      polyline(
        known(key).map((s) => [x(s.delivered), y(s[key])]),
        color,
      ),
    );
  }
  parts.push(line(left, PANEL.bottom, right, PANEL.bottom, { stroke: '#333' }));
  parts.push(text(left, PANEL.bottom + 15, '0', { size: 10 }));
  parts.push(
    text(right, PANEL.bottom + 15, maxMessages.toLocaleString('en-US'), {
      size: 10,
      anchor: 'end',
    }),
  );
  parts.push(...legend(left - 30, PANEL.bottom + 38, MEMORY_SERIES));
  return parts;
}

export function renderChart({ accept, endToEnd, memory }, plan) {
  const throughput = Object.keys(accept.relay).map((c) => ({
    label: `c=${c}`,
    values: [accept.relay[c], accept.bareKoa[c], accept.storeWrites[c]].map(
      (f) => f.messagesPerSecond,
    ),
  }));
  const all = throughput.flatMap((g) => g.values).filter((v) => v > 0);
  const latency = Object.entries(endToEnd).map(([rate, f]) => ({
    label: `${rate} msg/s`,
    values: [f.acceptP99, f.e2eP50, f.e2eP99],
  }));
  const panels = [
    {
      title: 'Accept throughput',
      unit: 'messages/s, log scale',
      groups: throughput,
      series: ACCEPT_SERIES,
      min: Math.min(1, ...all),
      max: Math.max(1000, ...all) * 1.5,
      targets: [{ value: 1000, label: 'target at c=64' }],
    },
    {
      title: 'Latency at fixed rates',
      unit: 'ms, log scale (pale: not within the run)',
      groups: latency,
      series: LATENCY_SERIES,
      min: 1,
      max: plan.drainSeconds * 1000,
      targets: [
        { value: 30, label: 'p50 target (100/s)' },
        { value: 250, label: 'p99 target (100/s)' },
      ],
      overflow: `> ${plan.drainSeconds} s`,
    },
  ];
  const body = [
    ...panels.flatMap((panel, i) => barPanel({ x0: i * PANEL.width, ...panel })),
    ...memoryPanel(PANEL.width * 2, memory),
  ];
  return svgDocument(PANEL.width * 3, 310, body);
}
