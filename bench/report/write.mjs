// Prints the tables; writes bench/results/*.json and, for a full run, the chart and
// docs/BENCHMARKS.md. A phase run alone has a file of its own: latest.json always holds
// one whole run, so every figure in the report comes from the same revision and machine.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/fixtures.mjs';
import { renderChart } from './chart.mjs';
import { benchmarksMarkdown } from './markdown.mjs';
import { asText } from './render.mjs';
import { relayVariantsTable, storeVariantsTable } from './side-by-side.mjs';
import { memoryTable, resultTables } from './tables.mjs';
import { evaluateTargets, limitRatios, memoryTargets } from './targets.mjs';
import { verdict } from './format.mjs';

const results = join(repoRoot, 'bench', 'results');

/** Two decimals are plenty; Infinity ("not within the run") becomes null in JSON. */
const compact = (_key, value) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 100) / 100 : value;

async function formatted(markdown, file) {
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(markdown, { ...config, filepath: file });
}

/** JSON keeps "not within the run" as null; the report reads it back as Infinity. */
export function readLatest() {
  const run = JSON.parse(readFileSync(join(results, 'latest.json'), 'utf8'), (_key, value) =>
    value === null ? Number.POSITIVE_INFINITY : value,
  );
  return { ...run, startedAt: new Date(run.startedAt) };
}

/**
 * A phase run on its own (`--<option>`): its tables printed, the run (with `extra`) in
 * bench/results/<option>.json or <option>-quick.json.
 */
function writeAlone(option, run, tables, extra, log) {
  process.stdout.write(`\n${asText(tables)}\n\n`);
  mkdirSync(results, { recursive: true });
  const quick = run.plan.mode === 'quick';
  const command = `npm run bench -- --${option}${quick ? ' --quick' : ''}`;
  const json = join(results, `${option}${quick ? '-quick' : ''}.json`);
  writeFileSync(json, `${JSON.stringify({ ...run, command, ...extra }, compact, 2)}\n`);
  log(`wrote ${json}`);
}

/** `--memory`: the memory run's targets and table. */
export function writeMemoryReport(run, log) {
  const { plan, figures } = run;
  const targets = memoryTargets(figures.memory);
  const targetsTable = {
    title: 'Memory targets',
    header: ['Figure', 'Target', 'Measured', 'Result'],
    rows: targets.map((t) => [t.figure, t.target, t.measured, verdict(t.met)]),
  };
  writeAlone('memory', run, [targetsTable, memoryTable(figures, plan)], { targets }, log);
}

/** `--stores`: the store variants' table. */
export function writeStoresReport(run, log) {
  writeAlone('stores', run, [storeVariantsTable(run.figures, run.plan)], {}, log);
}

/** `--relays`: the relay before #24 and this build's. */
export function writeRelaysReport(run, log) {
  writeAlone('relays', run, [relayVariantsTable(run.figures, run.plan)], {}, log);
}

export async function writeReports(run, log) {
  const { plan, machine, store, startedAt, seconds, figures } = run;
  const tables = resultTables(figures, plan);
  process.stdout.write(`\n${asText(tables)}\n\n`);
  mkdirSync(results, { recursive: true });
  const document = {
    plan,
    machine,
    store,
    startedAt,
    seconds,
    figures,
    command: plan.mode === 'quick' ? 'npm run bench -- --quick' : 'npm run bench',
    targets: evaluateTargets(figures, plan.drainSeconds),
    ratios: limitRatios(figures.accept),
  };
  const json = join(results, plan.mode === 'quick' ? 'quick.json' : 'latest.json');
  writeFileSync(json, `${JSON.stringify(document, compact, 2)}\n`);
  log(`wrote ${json}`);
  if (plan.mode === 'quick') return;

  writeFileSync(join(results, 'chart.svg'), renderChart(figures, plan));
  const docs = join(repoRoot, 'docs', 'BENCHMARKS.md');
  const analysis = readFileSync(join(repoRoot, 'bench', 'report', 'analysis.md'), 'utf8');
  writeFileSync(
    docs,
    await formatted(benchmarksMarkdown({ run: document, tables, analysis }), docs),
  );
  log(`wrote bench/results/chart.svg and ${docs}`);
}
