// The figures as tables (title, header, rows of text), rendered for the console and
// for Markdown by the same code so the two never disagree.
import { P99_LIMIT_MS } from '../phases/max-rate.mjs';
import { formatMs, formatPercent, formatRate, formatRatio, verdict } from './format.mjs';
import { memoryByProcess } from './memory-figures.mjs';
import { relayVariantsTable, storeVariantsTable } from './side-by-side.mjs';
import { describeGrowth, evaluateTargets, limitRatios } from './targets.mjs';

const cores = (figure, names) =>
  names.map((name) => `${name} ${(figure[`${name}Cores`] ?? Number.NaN).toFixed(2)}`).join(', ');

function targetsTable(figures, plan) {
  return {
    title: 'Targets',
    header: ['Figure', 'Target', 'Measured', 'Result'],
    rows: evaluateTargets(figures, plan.drainSeconds).map((t) => [
      t.figure,
      t.target,
      t.measured,
      verdict(t.met),
    ]),
  };
}

function acceptTables({ accept }) {
  const ratios = limitRatios(accept);
  const levels = Object.keys(accept.relay);
  const pair = (f) => `${formatMs(f.p50)} / ${formatMs(f.p99)}`;
  return [
    {
      title: 'Accept throughput (POST /api/webhooks/incoming → 202, closed loop)',
      header: [
        'Concurrency',
        'Relay',
        '(a) bare Koa',
        '(b) store writes',
        'Relay ÷ (a)',
        'Relay ÷ (b)',
      ],
      rows: levels.map((c) => [
        c,
        formatRate(accept.relay[c].messagesPerSecond),
        formatRate(accept.bareKoa[c].messagesPerSecond),
        formatRate(accept.storeWrites[c].messagesPerSecond),
        formatPercent(ratios[c].throughputVsBareKoa),
        formatPercent(ratios[c].throughputVsStoreWrites),
      ]),
    },
    {
      title: 'Accept latency p50 / p99',
      header: [
        'Concurrency',
        'Relay',
        '(a) bare Koa',
        '(b) store writes',
        'Relay p99 ÷ (b) p99',
        'Cores used during relay runs',
      ],
      rows: levels.map((c) => [
        c,
        pair(accept.relay[c]),
        pair(accept.bareKoa[c]),
        pair(accept.storeWrites[c]),
        formatRatio(ratios[c].p99VsStoreWrites),
        cores(accept.relay[c], ['relay', 'store', 'load']),
      ]),
    },
  ];
}

function endToEndTable({ endToEnd }, plan) {
  const ms = (value) => formatMs(value, plan.drainSeconds);
  return {
    title: `End to end at fixed rates (${plan.fixedSeconds} s of sending, then up to ${plan.drainSeconds} s for deliveries)`,
    header: [
      'Rate',
      'Accept p50',
      'Accept p99',
      'Accept → delivered p50',
      'Accept → delivered p99',
      'Delivered',
      'Cores used',
    ],
    rows: Object.entries(endToEnd).map(([rate, f]) => [
      `${rate} msg/s`,
      ms(f.acceptP50),
      ms(f.acceptP99),
      ms(f.e2eP50),
      ms(f.e2eP99),
      `${Math.round(f.delivered)} / ${Math.round(f.timed)}`,
      cores(f, ['relay', 'store', 'load']),
    ]),
  };
}

function maxRateTable({ maxRate }, plan) {
  return {
    title: `Highest rate with accept → delivered p99 under ${P99_LIMIT_MS / 1000} s`,
    header: ['Rate tried', 'p99', 'Delivered', 'Result'],
    rows: [
      ...maxRate.steps.map((s) => [
        `${s.rate} msg/s`,
        formatMs(s.e2eP99, 1),
        `${s.delivered} / ${s.timed}`,
        verdict(s.pass),
      ]),
      [
        `**${maxRate.rate} msg/s**`,
        formatMs(maxRate.e2eP99, 1),
        plan.runs > 1 ? `median of ${plan.runs} confirming runs` : 'the passing run',
        '',
      ],
    ],
  };
}

function retriesTable({ retries }, plan) {
  const f = retries.halfFailing;
  return {
    title:
      'Retries with half of the receivers failing (every other message to a receiver answering 500)',
    header: [
      'Rate',
      'All healthy p99',
      'Healthy half p99',
      'Ratio',
      'Failed attempts seen',
      'Delivered (healthy half)',
    ],
    rows: [
      [
        `${retries.rate} msg/s`,
        formatMs(retries.baselineP99, plan.drainSeconds),
        formatMs(retries.healthyP99, plan.drainSeconds),
        formatRatio(retries.ratio),
        String(Math.round(f.failedAttempts)),
        `${Math.round(f.delivered)} / ${Math.round(f.timed)}`,
      ],
    ],
  };
}

/**
 * One row per process (RSS start, end, peak, growth over the memory run), and the relay's
 * RSS less its V8 heap: growth there would be native memory, not the heap's sawtooth.
 */
export function memoryTable({ memory }, plan) {
  const mb = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} MB` : 'n/a');
  const delivered = `${memory.delivered.toLocaleString('en-US')} of ${memory.targetMessages.toLocaleString('en-US')}`;
  // Results from before the file was measured have no size.
  const file = Number.isFinite(memory.storeFileMB)
    ? `; the store's file ${mb(memory.storeFileMB)} at the end`
    : '';
  return {
    title: `Relay and store memory at the pace the relay sustains (a warmed store of its own, at most ${plan.memory.window} messages in flight, at most ${plan.memory.budgetSeconds} s${file})`,
    header: [
      'Process',
      'Messages delivered',
      'Seconds',
      'RSS start',
      'RSS end',
      'RSS peak',
      'Growth once steady',
      'Verdict',
    ],
    rows: [
      ...memoryByProcess(memory),
      { name: 'Relay RSS outside its V8 heap', figures: memory.relayOutsideHeap },
    ].map(({ name, figures }) => [
      name,
      delivered,
      memory.seconds.toFixed(0),
      mb(figures?.rssStartMB),
      mb(figures?.rssEndMB),
      mb(figures?.rssPeakMB),
      describeGrowth(figures),
      figures?.verdict ?? 'not measured',
    ]),
  };
}

export function resultTables(figures, plan) {
  return [
    targetsTable(figures, plan),
    ...acceptTables(figures),
    endToEndTable(figures, plan),
    maxRateTable(figures, plan),
    retriesTable(figures, plan),
    memoryTable(figures, plan),
    ...(figures.stores ? [storeVariantsTable(figures, plan)] : []),
    ...(figures.relays ? [relayVariantsTable(figures, plan)] : []),
  ];
}
