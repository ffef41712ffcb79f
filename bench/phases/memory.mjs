// Figure 4: the RSS of the relay and of its store while the relay handles up to 100,000
// messages (fewer with --quick) at the pace it sustains, sampled over time, and whether
// each process grows per message once steady.
import { statSync } from 'node:fs';
import { benchMessage } from '../lib/messages.mjs';
import { rssBytes } from '../lib/proc-stats.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { slope } from '../lib/stats.mjs';
import { runWindowed } from '../lib/windowed-load.mjs';
import { startWarmStore } from '../lib/warm-store.mjs';
import { measureStoredFigures } from './full-store.mjs';

/** Growth per message below which RSS counts as flat: 10 MB per 100,000 messages. */
export const FLAT_BYTES_PER_MESSAGE = 100;
/** The processes whose RSS is sampled, by their key in a sample (`relayMB`, `storeMB`). */
export const MEMORY_PROCESSES = ['relay', 'store'];
const MB = 1024 * 1024;

const NO_HEAP = { heapMB: Number.NaN, heapTotalMB: Number.NaN, externalMB: Number.NaN };

/**
 * The relay's V8 heap in use and reserved, and memory outside it (Buffers): with RSS they
 * tell whether growth is live objects, a heap sized larger, or native memory.
 */
async function relayHeap(baseUrl) {
  const text = await fetch(`${baseUrl}/metrics`).then((response) => response.text());
  const read = (name) =>
    Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN) / MB;
  return {
    heapMB: read('nodejs_heap_size_used_bytes'),
    heapTotalMB: read('nodejs_heap_size_total_bytes'),
    externalMB: read('nodejs_external_memory_bytes'),
  };
}

/**
 * Steady state is the second half of the messages: the first half includes start-up,
 * JIT and the heaps growing to their working size. `key` is the sample field to judge.
 */
export function memoryVerdict(samples, minMessages, key = 'relayMB') {
  const last = samples.at(-1)?.delivered ?? 0;
  const steady = samples.filter((s) => s.delivered >= last / 2 && Number.isFinite(s[key]));
  const bytesPerMessage = slope(steady.map((s) => ({ x: s.delivered, y: s[key] * MB })));
  const steadyMessages = last - (steady[0]?.delivered ?? last);
  let verdict = 'growing';
  if (steadyMessages < minMessages) verdict = 'inconclusive';
  else if (bytesPerMessage <= FLAT_BYTES_PER_MESSAGE) verdict = 'flat';
  return { bytesPerMessage, steadyMessages, verdict };
}

/** Start, end, peak and growth of one process's RSS over the run. */
function processFigures(samples, key, minMessages) {
  const known = samples.map((s) => s[key]).filter(Number.isFinite);
  return {
    rssStartMB: known[0] ?? Number.NaN,
    rssEndMB: known.at(-1) ?? Number.NaN,
    rssPeakMB: Math.max(...known),
    ...memoryVerdict(samples, minMessages, key),
  };
}

/**
 * On a store of its own (its RSS is a figure), warmed up like the shared one: the figures
 * taken before the run compare warm processes with warm ones.
 */
export async function measureMemory(context) {
  const ownStore = await startWarmStore(context);
  try {
    return await memoryRun({ ...context, warmStore: ownStore });
  } finally {
    await ownStore.stop();
  }
}

async function memoryRun(context) {
  const { plan, log, fixtures, now } = context;
  const { messages, budgetSeconds, window, sampleMs } = plan.memory;
  return withRelayStack(context, async (stack) => {
    const beforeStored = await measureStoredFigures({
      ...context,
      stack,
      stored: 0,
      runTag: 'before',
    });
    const started = now();
    const samples = [];
    const load = await runWindowed({
      origin: stack.baseUrl,
      path: '/api/webhooks/incoming',
      headers: stack.headers,
      message: (i) => benchMessage(stack.connections.healthy, 'mem', i),
      window,
      total: messages,
      deadline: started + budgetSeconds * 1000,
      receiver: fixtures.receiver,
      now,
    });
    const sample = async () => {
      samples.push({
        seconds: (now() - started) / 1000,
        delivered: load.progress.delivered,
        relayMB: rssBytes(stack.pids.relay) / MB,
        storeMB: rssBytes(stack.pids.store) / MB,
        ...(await relayHeap(stack.baseUrl).catch(() => NO_HEAP)),
      });
    };
    await sample();
    const timer = setInterval(sample, sampleMs);
    const outcome = await load.finish();
    clearInterval(timer);
    await sample();
    const storeFileMB = statSync(stack.storeFile).size / MB;
    // The figures taken before the run, again with all of its messages stored.
    const withStored =
      outcome.delivered >= messages
        ? await measureStoredFigures({
            ...context,
            stack,
            stored: outcome.delivered,
            runTag: 'stored',
          })
        : undefined;
    const byProcess = Object.fromEntries(
      MEMORY_PROCESSES.map((name) => [name, processFigures(samples, `${name}MB`, messages / 10)]),
    );
    // V8 lets its heap grow to a few times the live objects between major collections, so
    // the relay's RSS is a sawtooth; what is outside the heap shows growth without it.
    const outsideHeap = samples.map((s) => ({ ...s, outsideMB: s.relayMB - s.heapTotalMB }));
    const result = {
      targetMessages: messages,
      ...outcome,
      seconds: (now() - started) / 1000,
      ...byProcess,
      relayOutsideHeap: processFigures(outsideHeap, 'outsideMB', messages / 10),
      storeFileMB,
      beforeStored,
      withStored,
      samples,
    };
    const rss = (name) => {
      const f = byProcess[name];
      return `${name} RSS ${f.rssStartMB.toFixed(0)} → ${f.rssEndMB.toFixed(0)} MB (${f.verdict})`;
    };
    log(
      `  ${outcome.delivered} messages in ${result.seconds.toFixed(0)} s, ${MEMORY_PROCESSES.map(rss).join(', ')}, store file ${storeFileMB.toFixed(0)} MB`,
    );
    return result;
  });
}
