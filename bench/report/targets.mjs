// The targets, checked against the measured figures.
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
    ...memoryTargets(memory),
  ];
}
