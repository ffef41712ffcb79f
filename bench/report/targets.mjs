// The targets, checked against the measured figures.
import { STORED_CONCURRENCY, STORED_RATE, STORED_TOLERANCE } from '../phases/full-store.mjs';
import { FLAT_BYTES_PER_MESSAGE } from '../phases/memory.mjs';
import { RETRY_P99_FACTOR } from '../phases/retries.mjs';
import { formatMs, formatPercent, formatRate, formatRatio } from './format.mjs';
import { memoryByProcess } from './memory-figures.mjs';

/** Relay figure ÷ limit figure per concurrency: how much of what is possible the relay gets. */
export function limitRatios(accept) {
  return Object.fromEntries(
    Object.keys(accept.relay).map((concurrency) => {
      const relay = accept.relay[concurrency];
      const koa = accept.bareKoa[concurrency];
      const store = accept.storeWrites[concurrency];
      return [
        concurrency,
        {
          throughputVsBareKoa: relay.messagesPerSecond / koa.messagesPerSecond,
          throughputVsStoreWrites: relay.messagesPerSecond / store.messagesPerSecond,
          p99VsBareKoa: relay.p99 / Math.max(koa.p99, 1),
          p99VsStoreWrites: relay.p99 / store.p99,
        },
      ];
    }),
  );
}

/** Bytes per message once steady, unless too few messages went through to tell. */
export function describeGrowth(figures) {
  if (!figures) return 'not measured';
  const { verdict, bytesPerMessage } = figures;
  if (verdict === 'inconclusive' || !Number.isFinite(bytesPerMessage)) {
    return 'too few messages to tell';
  }
  return `${Math.round(bytesPerMessage).toLocaleString('en-US')} B/message (${verdict})`;
}

/** One target per process: its RSS flat once steady, over all the planned messages. */
export function memoryTargets(memory) {
  const over = `${memory.delivered.toLocaleString('en-US')} of ${memory.targetMessages.toLocaleString('en-US')} messages`;
  return memoryByProcess(memory).map(({ name, figures }) => ({
    figure: `${name} RSS growth once steady (${over})`,
    target: `flat (≤ ${FLAT_BYTES_PER_MESSAGE} B/message)`,
    measured: describeGrowth(figures),
    met: figures?.verdict === 'flat' && memory.delivered >= memory.targetMessages,
  }));
}

/**
 * The memory run's relay and store before its messages were stored against the same two
 * processes with them stored. Older results measured "before" in the accept and end-to-end
 * phases, on other processes; results older still have no comparison ("not measured").
 */
function storedComparisons({ accept, endToEnd, memory }) {
  const stored = memory.withStored;
  const before = memory.beforeStored;
  const empty = before
    ? { accept: before.accept, e2e: before.endToEnd }
    : { accept: accept.relay[STORED_CONCURRENCY], e2e: endToEnd[STORED_RATE] };
  return [
    {
      figure: `Accept throughput at concurrency ${STORED_CONCURRENCY}`,
      empty: empty.accept?.messagesPerSecond,
      full: stored?.accept.messagesPerSecond,
      format: formatRate,
      higherIsBetter: true,
    },
    {
      figure: `End to end p50 at ${STORED_RATE} msg/s`,
      empty: empty.e2e?.e2eP50,
      full: stored?.endToEnd.e2eP50,
      format: formatMs,
      higherIsBetter: false,
    },
    {
      figure: `End to end p99 at ${STORED_RATE} msg/s`,
      empty: empty.e2e?.e2eP99,
      full: stored?.endToEnd.e2eP99,
      format: formatMs,
      higherIsBetter: false,
    },
  ].map((row) => ({
    ...row,
    ratio: row.full / row.empty,
    met: row.higherIsBetter
      ? row.full >= (1 - STORED_TOLERANCE) * row.empty
      : row.full <= (1 + STORED_TOLERANCE) * row.empty,
  }));
}

function storedTargets(figures) {
  const stored = figures.memory.withStored;
  const count = stored ? stored.stored.toLocaleString('en-US') : '100,000';
  return storedComparisons(figures).map((row) => ({
    figure: `${row.figure} with ${count} messages stored`,
    target: row.higherIsBetter
      ? `≥ ${100 - 100 * STORED_TOLERANCE} % of empty`
      : `≤ ${100 + 100 * STORED_TOLERANCE} % of empty`,
    measured: stored
      ? `${row.format(row.full)} (${formatPercent(row.ratio)} of ${row.format(row.empty)} empty)`
      : 'not measured',
    met: Boolean(stored) && row.met,
  }));
}

export function evaluateTargets({ accept, endToEnd, retries, memory }, deadlineSeconds) {
  const c64 = accept.relay[64];
  const vsStore = limitRatios(accept)[64].throughputVsStoreWrites;
  const at100 = endToEnd[100];
  const at500 = endToEnd[500];
  return [
    {
      figure: 'Accept throughput at concurrency 64',
      target: '≥ 1,000 msg/s',
      measured: formatRate(c64.messagesPerSecond),
      met: c64.messagesPerSecond >= 1000,
    },
    {
      figure: 'Accept p99 at 500 msg/s',
      target: '≤ 50 ms',
      measured: formatMs(at500.acceptP99, deadlineSeconds),
      met: at500.acceptP99 <= 50,
    },
    {
      figure: 'End to end p50 at 100 msg/s',
      target: '≤ 30 ms',
      measured: formatMs(at100.e2eP50, deadlineSeconds),
      met: at100.e2eP50 <= 30,
    },
    {
      figure: 'End to end p99 at 100 msg/s',
      target: '≤ 250 ms',
      measured: formatMs(at100.e2eP99, deadlineSeconds),
      met: at100.e2eP99 <= 250,
    },
    {
      figure: 'Accept throughput ÷ limit (b), concurrency 64',
      target: '≥ 50 %',
      measured: formatPercent(vsStore),
      met: vsStore >= 0.5,
    },
    {
      figure: `Healthy p99 with half the receivers failing (${retries.rate} msg/s)`,
      target: `≤ ${RETRY_P99_FACTOR}× all healthy`,
      measured: formatRatio(retries.ratio),
      met: retries.ratio <= RETRY_P99_FACTOR,
    },
    ...storedTargets({ accept, endToEnd, memory }),
    ...memoryTargets(memory),
  ];
}
