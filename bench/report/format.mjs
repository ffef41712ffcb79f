// How figures read in the console and in docs/BENCHMARKS.md.

/** Milliseconds; Infinity means "not within the run's deadline" and says so. */
export function formatMs(ms, deadlineSeconds) {
  if (ms === Number.POSITIVE_INFINITY || ms === null) {
    return deadlineSeconds ? `> ${deadlineSeconds} s` : 'not in time';
  }
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

export function formatRate(perSecond) {
  if (!Number.isFinite(perSecond)) return 'n/a';
  return `${perSecond >= 100 ? Math.round(perSecond).toLocaleString('en-US') : perSecond.toFixed(1)}/s`;
}

export function formatRatio(ratio) {
  if (!Number.isFinite(ratio)) return 'n/a';
  return ratio >= 0.1 ? `${ratio.toFixed(2)}×` : `${ratio.toFixed(3)}×`;
}

export function formatPercent(ratio) {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %` : 'n/a';
}

/** One line of a closed-loop figure, for the progress log. */
export function describeAccept({ messagesPerSecond, p50, p99 }) {
  return `${formatRate(messagesPerSecond)}, p50 ${formatMs(p50)}, p99 ${formatMs(p99)}`;
}

export const verdict = (met) => (met ? 'pass' : 'miss');
