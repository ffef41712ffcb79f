// The store's durability, priced (#25): this build, which syncs every commit round before it
// acknowledges; the build before it, which acknowledged once the commit was in the operating
// system; and this build without its online compaction, which is what that compaction earns.
// Each on a warm store of its own, in the same run, their runs taking turns: accept at 64 callers,
// accept → delivered at 100 msg/s, and the store file after a fixed number of messages on a
// fresh store.
import { statSync } from 'node:fs';
import { baselineClasspath } from '../lib/baseline-store.mjs';
import { endToEndRun } from '../lib/e2e-run.mjs';
import { benchMessage } from '../lib/messages.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { medianOfRuns } from '../lib/stats.mjs';
import { startWarmStore } from '../lib/warm-store.mjs';
import { runWindowed } from '../lib/windowed-load.mjs';
import { describeAccept, formatMs } from '../report/format.mjs';
import { acceptRun } from './accept.mjs';

/** The last commit whose store acknowledged without syncing. */
export const BASELINE_REF = 'ff95134';
const CALLERS = 64;
const RATE = 100;
const MB = 1024 * 1024;

function variantsOf(context) {
  return [
    { key: 'synced', name: 'this build: synced before each ack', classpath: context.classpath },
    {
      key: 'unsynced',
      name: `before (${BASELINE_REF}): commit, no sync`,
      classpath: baselineClasspath(BASELINE_REF, context.log),
    },
    {
      key: 'noCompaction',
      name: 'this build, compaction off',
      classpath: context.classpath,
      compaction: false,
    },
  ];
}

/** The store file after `messages` delivered messages on a fresh store of the variant's. */
async function fileAfter(context, messages) {
  const { fixtures, now } = context;
  return withRelayStack({ ...context, warmStore: undefined }, async (stack) => {
    const load = await runWindowed({
      origin: stack.baseUrl,
      path: '/api/webhooks/incoming',
      headers: stack.headers,
      message: (i) => benchMessage(stack.connections.healthy, 'file', i),
      window: 64,
      total: messages,
      deadline: now() + 900_000,
      receiver: fixtures.receiver,
      now,
    });
    const { delivered } = await load.finish();
    return { delivered, storeFileMB: statSync(stack.storeFile).size / MB };
  });
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
 * Each variant on a warm store of its own, all started first; then their runs take turns, so a
 * machine that gets busier or quieter during the phase weighs on every variant alike.
 */
async function measureAll(context, variants) {
  const { plan, fixtures, now } = context;
  const stores = new Map();
  try {
    for (const variant of variants) {
      const own = { ...context, classpath: variant.classpath, compaction: variant.compaction };
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
          runTag: `sv${variant.key}a${run}`,
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
          runTag: `sv${variant.key}e${run}`,
          now,
        }),
      ),
    );
    return { accept, endToEnd };
  } finally {
    for (const { warmStore } of stores.values()) await warmStore.stop();
  }
}

export async function measureStoreVariants(context) {
  const { log, plan } = context;
  const variants = variantsOf(context);
  const { accept, endToEnd } = await measureAll(context, variants);
  const byVariant = {};
  for (const variant of variants) {
    const own = { ...context, classpath: variant.classpath, compaction: variant.compaction };
    const figures = {
      name: variant.name,
      accept: accept.get(variant.key),
      endToEnd: endToEnd.get(variant.key),
      file: await fileAfter(own, plan.fileMessages),
    };
    byVariant[variant.key] = figures;
    const ms = (value) => formatMs(value, plan.drainSeconds);
    log(
      `  ${variant.name}: accept c=${CALLERS}: ${describeAccept(figures.accept)}; ${RATE} msg/s: p50 ${ms(figures.endToEnd.e2eP50)}, p99 ${ms(figures.endToEnd.e2eP99)}; file ${figures.file.storeFileMB.toFixed(0)} MB after ${figures.file.delivered} messages`,
    );
  }
  return { callers: CALLERS, rate: RATE, baseline: BASELINE_REF, byVariant };
}
