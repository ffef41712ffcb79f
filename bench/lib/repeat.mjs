import { medianOfRuns } from './stats.mjs';

/** Runs `measure(run)` `runs` times in a row; each numeric figure is the median over them. */
export async function medianOf(runs, measure) {
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await measure(run));
  return { ...medianOfRuns(results), runs: results };
}

/** CPU seconds per process over a window → cores in use: shows what bound the figure. */
export function coresUsed(cpuSeconds, windowSeconds) {
  return Object.fromEntries(
    Object.entries(cpuSeconds).map(([name, seconds]) => [`${name}Cores`, seconds / windowSeconds]),
  );
}
