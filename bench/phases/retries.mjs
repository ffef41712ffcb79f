// Figure 3: half of the receivers failing. Every other message goes to a connection
// whose receiver answers 500, so its deliveries are retried (1 s, 1 s, 1 s) while the
// healthy half is timed; the healthy p99 is compared with the all-healthy p99 at the
// same total rate.
import { endToEndRun } from '../lib/e2e-run.mjs';
import { benchMessage } from '../lib/messages.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { medianOf } from '../lib/repeat.mjs';
import { formatMs, formatRatio } from '../report/format.mjs';

export const RETRY_P99_FACTOR = 2;

function retryRun(context, rate, runTag, halfFailing) {
  const { plan, fixtures, now } = context;
  return withRelayStack(context, async (stack) => {
    const failedBefore = fixtures.receiver.counts.failed;
    const result = await endToEndRun({
      stack,
      receiver: fixtures.receiver,
      rate,
      seconds: plan.fixedSeconds,
      drainSeconds: plan.drainSeconds,
      runTag,
      message: (i) =>
        halfFailing && i % 2
          ? { body: benchMessage(stack.connections.failing, `${runTag}f`, i).body }
          : benchMessage(stack.connections.healthy, runTag, i),
      now,
    });
    return { ...result, failedAttempts: fixtures.receiver.counts.failed - failedBefore };
  });
}

/**
 * @param {object} input
 * @param {object} [input.baseline] an all-healthy figure at `rate` measured earlier in this
 *   run under the same settings; measured here when there is none
 */
export async function measureRetries(context, { rate, baseline, baselineFrom = 'retries' }) {
  const { plan, log } = context;
  const healthy =
    baseline ??
    (await medianOf(plan.runs, (run) => retryRun(context, rate, `retryb${run}`, false)));
  const halfFailing = await medianOf(plan.runs, (run) =>
    retryRun(context, rate, `retry${run}`, true),
  );
  const ratio = halfFailing.e2eP99 / healthy.e2eP99;
  log(
    `  ${rate} msg/s, half failing: healthy p99 ${formatMs(halfFailing.e2eP99, plan.drainSeconds)} vs all healthy ${formatMs(healthy.e2eP99, plan.drainSeconds)} (${formatRatio(ratio)}), ${halfFailing.failedAttempts} failed attempts`,
  );
  return {
    rate,
    baselineFrom,
    baselineP99: healthy.e2eP99,
    healthyP99: halfFailing.e2eP99,
    ratio,
    halfFailing,
  };
}
