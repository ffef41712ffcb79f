// Command line and the two plans: the full benchmark (about 30 min on an idle machine: 31 on
// 2026-12-08, of which the memory run took 8, the store builds side by side 10 and the relay
// builds side by side 4) and --quick (a few minutes).

const USAGE = `usage: npm run bench [-- --quick | --memory | --stores | --relays | --profile | --render]
  (default)   full benchmark, each figure the median of 3 runs; writes bench/results/latest.json,
              bench/results/chart.svg and docs/BENCHMARKS.md
  --quick     one run per figure, short runs; writes bench/results/quick.json only
  --memory    only the memory run (with --quick: its short version); writes
              bench/results/memory.json (or memory-quick.json), never latest.json
  --stores    only the store variants side by side (synced, the build before, no compaction);
              writes bench/results/stores.json (or stores-quick.json), never latest.json
  --relays    only the relay before the engine redesign (#24, built from git) and this build's,
              side by side on this build's store; writes bench/results/relays.json (or
              relays-quick.json), never latest.json
  --profile   instead of the benchmark: one relay run under --cpu-prof at a fixed rate,
              then its hottest functions and which process used the CPU
  --render    no measuring: rewrite the chart and docs/BENCHMARKS.md from latest.json
              (after editing bench/report/analysis.md)`;

export function parseOptions(argv) {
  const options = {
    quick: false,
    memory: false,
    stores: false,
    relays: false,
    profile: false,
    render: false,
    help: false,
  };
  for (const arg of argv) {
    if (arg === '--quick') options.quick = true;
    else if (arg === '--memory') options.memory = true;
    else if (arg === '--stores') options.stores = true;
    else if (arg === '--relays') options.relays = true;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--render') options.render = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return options;
}

export { USAGE };

const FULL = {
  mode: 'full',
  runs: 3,
  concurrencies: [1, 16, 64],
  warmupSeconds: 1,
  // See bench/lib/warm-up.mjs: once for the shared store, then before every relay run.
  storeWarmupSeconds: 30,
  relayWarmupSeconds: 5,
  acceptSeconds: 5,
  fixedRates: [100, 500],
  fixedSeconds: 5,
  drainSeconds: 8,
  // The store variants' file size is read after this many messages on a fresh store.
  fileMessages: 20_000,
  ladder: { rates: [5, 10, 20, 50, 100, 200, 500, 1000, 2000], seconds: 5, bisections: 2 },
  // The relay sustains about 300 msg/s on an idle machine, so 100,000 messages take 5-6 min;
  // shared with other work it fell to 140/s (84,050 in 600 s), hence the room. The run ends
  // as soon as all are delivered.
  memory: { messages: 100_000, budgetSeconds: 900, window: 64, sampleMs: 1_000 },
  scanSizes: [1_000, 10_000],
};

/** The same figures, each from one short run. */
const QUICK = {
  ...FULL,
  mode: 'quick',
  runs: 1,
  warmupSeconds: 0.25,
  storeWarmupSeconds: 2,
  relayWarmupSeconds: 0.5,
  acceptSeconds: 1,
  fixedSeconds: 1.5,
  drainSeconds: 1.5,
  fileMessages: 1_000,
  ladder: { rates: [20, 100], seconds: 1.5, bisections: 0 },
  memory: { messages: 5_000, budgetSeconds: 5, window: 32, sampleMs: 250 },
  scanSizes: [500, 2_000],
};

/**
 * Durations are per run; every relay run starts warm on an empty database. `drainSeconds` is how
 * long after the sending ends a fixed-rate run waits for answers and deliveries before
 * counting the missing ones as "slower than that".
 */
export function planFor({ quick }) {
  return quick ? QUICK : FULL;
}
