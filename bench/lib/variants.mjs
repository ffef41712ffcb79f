// Builds compared side by side in one run: the store's (#25) and the relay's (#24). Each variant
// runs on a warm store of its own, all started first; then their runs take turns, so a machine
// that gets busier or quieter during the phase weighs on every variant alike. Each is measured
// by accept at 64 callers and accept → delivered at 100 msg/s, the median of `plan.runs`.
import { describeAccept, formatMs } from '../report/format.mjs';
import { acceptRun } from './accept-run.mjs';
import { endToEndRun } from './e2e-run.mjs';
import { withRelayStack } from './relay-stack.mjs';
import { medianOfRuns } from './stats.mjs';
import { startWarmStore } from './warm-store.mjs';

export const CALLERS = 64;
export const RATE = 100;

/**
 * The context a variant runs in: the phase's, with the variant's `settings` over it (any of
 * withRelayStack's: `classpath`, `compaction`, `relayMain`).
 */
export function contextOf(context, variant) {
  return { ...context, ...variant.settings };
}

/** Runs `measure(variant, run)` for every run of every variant, taking turns, then the medians. */
async function alternating(variants, runs, measure) {
  const results = new Map(variants.map((variant) => [variant.key, []]));
  for (let run = 0; run < runs; run++) {
    for (const variant of variants) results.get(variant.key).push(await measure(variant, run));
  }
  return new Map(
    variants.map((variant) => [
      variant.key,
      { ...medianOfRuns(results.get(variant.key)), runs: results.get(variant.key) },
    ]),
  );
}

/**
 * `{ [key]: { name, accept, endToEnd } }` for `variants` (`{ key, name, settings }`); `tag`
 * starts the tags of the phase's messages.
 */
export async function measureSideBySide(context, variants, tag) {
  const { plan, fixtures, now } = context;
  const stores = new Map();
  try {
    for (const variant of variants) {
      const own = contextOf(context, variant);
      stores.set(variant.key, { ...own, warmStore: await startWarmStore(own) });
    }
    const on = (variant) => stores.get(variant.key);
    const accept = await alternating(variants, plan.runs, (variant, run) =>
      withRelayStack(on(variant), (stack) =>
        acceptRun({
          ...stack,
          connectionId: stack.connections.healthy,
          concurrency: CALLERS,
          plan,
          runTag: `${tag}${variant.key}a${run}`,
        }),
      ),
    );
    const endToEnd = await alternating(variants, plan.runs, (variant, run) =>
      withRelayStack(on(variant), (stack) =>
        endToEndRun({
          stack,
          receiver: fixtures.receiver,
          rate: RATE,
          seconds: plan.fixedSeconds,
          drainSeconds: plan.drainSeconds,
          runTag: `${tag}${variant.key}e${run}`,
          now,
        }),
      ),
    );
    return Object.fromEntries(
      variants.map(({ key, name }) => [
        key,
        { name, accept: accept.get(key), endToEnd: endToEnd.get(key) },
      ]),
    );
  } finally {
    for (const { warmStore } of stores.values()) await warmStore.stop();
  }
}

/** One variant's figures as a line of the bench's progress. */
export function describeVariant({ name, accept, endToEnd }, plan) {
  const ms = (value) => formatMs(value, plan.drainSeconds);
  return `${name}: accept c=${CALLERS}: ${describeAccept(accept)}; ${RATE} msg/s: p50 ${ms(endToEnd.e2eP50)}, p99 ${ms(endToEnd.e2eP99)}`;
}
