// `--profile`: one relay run under --cpu-prof at a fixed rate, then where its CPU went,
// and how the CPU split between the relay, the store and the load process.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endToEndRun } from '../lib/e2e-run.mjs';
import { repoRoot } from '../lib/fixtures.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { summarizeProfile } from '../report/profile-summary.mjs';

const RATE = 20;
const SECONDS = 15;
// The relay writes its profile when it exits, after its graceful stop has drained the
// backlog; this bounds that wait.
const EXIT_GRACE_MS = 120_000;

export async function profileRelay(context) {
  const { log, fixtures, now } = context;
  const profileDir = mkdtempSync(join(tmpdir(), 'fourthchat-bench-profile-'));
  log(`profiling the relay at ${RATE} msg/s for ${SECONDS} s`);
  const run = await withRelayStack({ ...context, profileDir, graceMs: EXIT_GRACE_MS }, (stack) =>
    endToEndRun({
      stack,
      receiver: fixtures.receiver,
      rate: RATE,
      seconds: SECONDS,
      drainSeconds: 10,
      runTag: 'profile',
      now,
    }),
  );
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`the relay wrote no profile into ${profileDir}`);
  const summary = summarizeProfile(JSON.parse(readFileSync(join(profileDir, file), 'utf8')));
  const result = { rate: RATE, seconds: SECONDS, run, profile: join(profileDir, file), summary };
  writeFileSync(
    join(repoRoot, 'bench', 'results', 'profile.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  log(
    `cores used: relay ${run.relayCores.toFixed(2)}, store ${run.storeCores.toFixed(2)}, load ${run.loadCores.toFixed(2)}`,
  );
  log(`relay busy ${summary.busyMs} ms of ${summary.wallMs} ms; self time by package:`);
  for (const row of summary.byCategory) log(`  ${String(row.percent).padStart(5)} %  ${row.name}`);
  log('hottest functions:');
  for (const row of summary.byFunction) log(`  ${String(row.percent).padStart(5)} %  ${row.name}`);
  log(`full profile (open in Chrome DevTools): ${result.profile}`);
  return result;
}
