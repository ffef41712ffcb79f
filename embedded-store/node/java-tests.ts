// `npm run test:java -w @fourthchat/embedded-store` (part of `npm test`): the store's JUnit
// tests under Maven's Surefire, ending with the plain closing line CI counts tests by.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { maven, packageDir } from './build.js';

const reports = join(packageDir, 'build', 'maven', 'surefire-reports');

/** Sums the `<testsuite tests= failures= errors= skipped=>` of every Surefire report. */
function counts(): { passed: number; failed: number; skipped: number } {
  let total = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of readdirSync(reports).filter((name) => name.endsWith('.xml'))) {
    const head = /<testsuite\b[^>]*>/.exec(readFileSync(join(reports, file), 'utf8'))?.[0] ?? '';
    const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(head)?.[1] ?? 0);
    total += count('tests');
    failed += count('failures') + count('errors');
    skipped += count('skipped');
  }
  return { passed: total - failed - skipped, failed, skipped };
}

rmSync(reports, { recursive: true, force: true });
let status = 0;
try {
  maven(['test'], "the embedded store's Java tests");
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  status = 1;
}
try {
  const { passed, failed, skipped } = counts();
  process.stdout.write(
    `tests: ${String(passed)} passed, ${String(failed)} failed, ${String(skipped)} skipped\n`,
  );
  if (failed > 0) status = 1;
} catch {
  process.stdout.write('tests: 0 passed, 1 failed (no Surefire reports)\n');
  status = 1;
}
process.exit(status);
