// `npm run bench [-- --quick | --memory | --stores | --relays | --profile]`: see docs/BENCHMARKS.md.
import { stopAllTracked } from './lib/cleanup.mjs';
import { buildPrerequisites, startFixtures } from './lib/fixtures.mjs';
import { STORE_DESCRIPTION } from './lib/relay-stack.mjs';
import { startWarmStore } from './lib/warm-store.mjs';
import { parseOptions, planFor, USAGE } from './lib/options.mjs';
import { measureBareKoa, measureRelayAccept } from './phases/accept.mjs';
import { measureFixedRates } from './phases/end-to-end.mjs';
import { findMaxRate } from './phases/max-rate.mjs';
import { measureMemory } from './phases/memory.mjs';
import { profileRelay } from './phases/profile.mjs';
import { BASELINE_REF as RELAY_BASELINE, measureRelayVariants } from './phases/relay-variants.mjs';
import { measureRetries } from './phases/retries.mjs';
import { measureScanCost } from './phases/store-scan.mjs';
import { measureStoreVariants } from './phases/store-variants.mjs';
import { measureStoreWrites } from './phases/store-writes.mjs';
import { describeMachine } from './report/machine.mjs';
import {
  readLatest,
  writeMemoryReport,
  writeRelaysReport,
  writeReports,
  writeStoresReport,
} from './report/write.mjs';

const began = performance.now();
const log = (line) =>
  process.stderr.write(
    `[${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s] ${line}\n`,
  );

/** The phases that also run on their own, by option (`--memory`, `--stores`, `--relays`). */
const PHASES = {
  memory: {
    title: (plan) =>
      `memory: up to ${plan.memory.messages} messages (at most ${plan.memory.budgetSeconds} s)`,
    measure: measureMemory,
    write: writeMemoryReport,
  },
  stores: {
    title: () => 'the store: synced, the build before, without compaction (side by side)',
    measure: measureStoreVariants,
    write: writeStoresReport,
  },
  relays: {
    title: () => `the relay: before #24 (${RELAY_BASELINE}) and this build (side by side)`,
    measure: measureRelayVariants,
    write: writeRelaysReport,
  },
};

function runPhase(option, context) {
  log(PHASES[option].title(context.plan));
  return PHASES[option].measure(context);
}

async function benchmark(coldContext) {
  const context = { ...coldContext, warmStore: await startWarmStore(coldContext) };
  log('accept: relay');
  const relay = await measureRelayAccept(context);
  log('accept: limit (a), bare Koa');
  const bareKoa = await measureBareKoa(context);
  log('accept: limit (b), store writes');
  const storeWrites = await measureStoreWrites(context);
  log('end to end at fixed rates');
  const fixed = await measureFixedRates(context);
  log('highest rate with end-to-end p99 under 1 s');
  const maxRate = await findMaxRate(context);
  log('retries with half of the receivers failing');
  // At 100 msg/s when the relay sustains it, else at the highest rate it does sustain.
  const retries =
    maxRate.rate >= 100
      ? await measureRetries(context, {
          rate: 100,
          baseline: fixed[100],
          baselineFrom: 'endToEnd.100',
        })
      : maxRate.rate > 0
        ? await measureRetries(context, {
            rate: maxRate.rate,
            baseline: maxRate,
            baselineFrom: 'maxRate',
          })
        : await measureRetries(context, { rate: 5 });
  const memory = await runPhase('memory', context);
  log('diagnostic: query cost on the embedded store');
  const scan = await measureScanCost(context);
  const stores = await runPhase('stores', context);
  const relays = await runPhase('relays', context);
  return {
    stores,
    relays,
    accept: { relay, bareKoa, storeWrites },
    endToEnd: fixed,
    maxRate,
    retries,
    memory,
    scan,
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) return log(USAGE);
  if (options.render) return writeReports(readLatest(), log);
  const plan = planFor(options);
  const startedAt = new Date();
  const machine = describeMachine();
  const classpath = await buildPrerequisites(log);
  const fixtures = await startFixtures();
  const context = { plan, log, fixtures, classpath, now: () => performance.now() };
  try {
    if (options.profile) return await profileRelay(context);
    const alone = Object.keys(PHASES).find((option) => options[option]);
    if (alone) {
      const figures = { [alone]: await runPhase(alone, context) };
      const seconds = (Date.now() - startedAt.getTime()) / 1000;
      return PHASES[alone].write(
        { plan, machine, store: STORE_DESCRIPTION, startedAt, seconds, figures },
        log,
      );
    }
    const figures = await benchmark(context);
    const seconds = (Date.now() - startedAt.getTime()) / 1000;
    await writeReports(
      { plan, machine, store: STORE_DESCRIPTION, startedAt, seconds, figures },
      log,
    );
  } finally {
    await stopAllTracked();
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the benchmark's processes`);
    void stopAllTracked().finally(() => process.exit(130));
  });
}

main().catch(async (error) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await stopAllTracked();
  process.exit(1);
});
