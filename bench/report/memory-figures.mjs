// The memory figures per process. Results written before the store was sampled keep the
// relay's figures at the top level and its RSS as `rssMB` in each sample; both shapes
// read the same here, and a process that was not sampled has no figures.
import { MEMORY_PROCESSES } from '../phases/memory.mjs';

const NAMES = { relay: 'Relay', store: 'Store' };

/** `[{ key, name, figures }]`, `figures` undefined for a process that was not sampled. */
export function memoryByProcess(memory) {
  return MEMORY_PROCESSES.map((key) => ({
    key,
    name: NAMES[key],
    figures: memory[key] ?? (key === 'relay' && 'rssStartMB' in memory ? memory : undefined),
  }));
}

/** Samples with `relayMB` and `storeMB` (NaN when not sampled), whatever the results' age. */
export function memorySamples(memory) {
  return memory.samples.map((s) => ({
    ...s,
    relayMB: s.relayMB ?? s.rssMB ?? Number.NaN,
    storeMB: s.storeMB ?? Number.NaN,
  }));
}
