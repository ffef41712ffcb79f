// Small, dependency-free statistics over latency samples and repeated runs.

/** Nearest-rank percentile of an ascending array; NaN when it is empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50/p99 of raw samples (milliseconds); Infinity marks a sample that never completed. */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Median of the known values; Infinity ("not within the deadline") counts as the largest. */
export function median(values) {
  const known = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (known.length === 0) return Number.NaN;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
}

/**
 * The median of each numeric field across runs: every figure is taken on its own,
 * so a run with one outlier cannot drag the others along.
 */
export function medianOfRuns(runs) {
  const fields = Object.keys(runs[0] ?? {}).filter((key) => typeof runs[0][key] === 'number');
  return Object.fromEntries(fields.map((key) => [key, median(runs.map((run) => run[key]))]));
}

/** Least-squares slope of y over x. */
export function slope(points) {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const { x, y } of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? Number.NaN : numerator / denominator;
}

/** For JSON: finite numbers rounded, Infinity and NaN as null (the report says why). */
export function round(value, digits = 1) {
  if (!Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
