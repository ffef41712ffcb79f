// The store's durability, priced (#25): this build, which syncs every commit round before it
// acknowledges; the build before it, which acknowledged once the commit was in the operating
// system; and this build without its online compaction, which is what that compaction earns.
// Each on a warm store of its own, in the same run: accept at 64 callers, accept → delivered at
// 100 msg/s, and the store file after a fixed number of messages on a fresh store.
import { statSync } from 'node:fs';
import { baselineClasspath } from '../lib/baseline-store.mjs';
import { endToEndRun } from '../lib/e2e-run.mjs';
import { benchMessage } from '../lib/messages.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { medianOf } from '../lib/repeat.mjs';
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

async function measureVariant(context, variant) {
  const { plan, fixtures, now } = context;
  const own = { ...context, classpath: variant.classpath, compaction: variant.compaction };
  const warmStore = await startWarmStore(own);
  try {
    const stacked = { ...own, warmStore };
    const accept = await medianOf(plan.runs, (run) =>
      withRelayStack(stacked, (stack) =>
        acceptRun({
          ...stack,
          connectionId: stack.connections.healthy,
          concurrency: CALLERS,
          plan,
          runTag: `sv${variant.key}a${run}`,
        }),
      ),
    );
    const endToEnd = await medianOf(plan.runs, (run) =>
      withRelayStack(stacked, (stack) =>
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
    return { name: variant.name, accept, endToEnd, file: await fileAfter(own, plan.fileMessages) };
  } finally {
    await warmStore.stop();
  }
}

export async function measureStoreVariants(context) {
  const { log, plan } = context;
  const byVariant = {};
  for (const variant of variantsOf(context)) {
    log(`  store variant: ${variant.name}`);
    const figures = await measureVariant(context, variant);
    byVariant[variant.key] = figures;
    const ms = (value) => formatMs(value, plan.drainSeconds);
    log(
      `    accept c=${CALLERS}: ${describeAccept(figures.accept)}; ${RATE} msg/s: p50 ${ms(figures.endToEnd.e2eP50)}, p99 ${ms(figures.endToEnd.e2eP99)}; file ${figures.file.storeFileMB.toFixed(0)} MB after ${figures.file.delivered} messages`,
    );
  }
  return { callers: CALLERS, rate: RATE, baseline: BASELINE_REF, byVariant };
}
