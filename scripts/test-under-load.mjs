// `npm run test:under-load`: the whole `npm test`, three times in a row, while two CPU-bound
// processes run beside it, so the suite is shown not to depend on an idle machine.
// Options: --runs N (default 3), --burners N (default 2). Exits non-zero if any run failed.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, burners: { type: 'string', default: '2' } },
});
const runs = Number(values.runs);
const burnerCount = Number(values.burners);

/** A burner ends by itself after this, should this script die without killing it. */
const BURNER_LIFETIME_MS = 3 * 60 * 60 * 1000;
const busyLoop = `const end = Date.now() + ${BURNER_LIFETIME_MS}; while (Date.now() < end) {}`;

const burners = Array.from({ length: burnerCount }, () =>
  spawn(process.execPath, ['-e', busyLoop], { stdio: 'ignore' }),
);
const stopBurners = () => burners.forEach((burner) => burner.kill('SIGKILL'));
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(1));
}
console.log(`${burnerCount} CPU-bound processes running: ${burners.map((b) => b.pid).join(', ')}`);

const minutes = (ms) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
const results = [];
for (let run = 1; run <= runs; run += 1) {
  console.log(`\n=== npm test under load, run ${run} of ${runs}`);
  const started = Date.now();
  const { status } = spawnSync('npm', ['test'], { cwd: root, stdio: 'inherit' });
  results.push({ run, passed: status === 0, took: minutes(Date.now() - started) });
  console.log(`=== run ${run}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`}`);
}
stopBurners();

console.log(`\nnpm test beside ${burnerCount} CPU-bound processes:`);
for (const { run, passed, took } of results) {
  console.log(`  run ${run}: ${passed ? 'passed' : 'FAILED'} in ${took}`);
}
const passed = results.filter((result) => result.passed).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
