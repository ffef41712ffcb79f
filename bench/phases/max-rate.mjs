// Figure 2b: the highest fixed rate whose accept → delivered p99 stays under 1 s.
// Climbs a ladder of rates (one run each), bisects between the last pass and the
// first miss, then confirms the answer with the median of the plan's runs.
import { endToEndRun } from '../lib/e2e-run.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { medianOf } from '../lib/repeat.mjs';
import { formatMs } from '../report/format.mjs';

export const P99_LIMIT_MS = 1_000;

function probe(context, rate, runTag) {
  const { plan, fixtures, now } = context;
  return withRelayStack(context, (stack) =>
    endToEndRun({
      stack,
      receiver: fixtures.receiver,
      rate,
      seconds: plan.ladder.seconds,
      // Anything later than this is over the limit anyway.
      drainSeconds: P99_LIMIT_MS / 1000,
      runTag,
      now,
    }),
  );
}

const passes = (result) => result.e2eP99 < P99_LIMIT_MS && result.rejected === 0;

export async function findMaxRate(context) {
  const { plan, log } = context;
  const steps = [];
  const tryRate = async (rate) => {
    const result = await probe(context, rate, `max${rate}s${steps.length}`);
    steps.push({ ...result, pass: passes(result) });
    log(`  ${rate} msg/s: p99 ${formatMs(result.e2eP99, 1)} → ${passes(result) ? 'pass' : 'miss'}`);
    return passes(result);
  };

  let best = 0;
  let miss;
  for (const rate of plan.ladder.rates) {
    if (!(await tryRate(rate))) {
      miss = rate;
      break;
    }
    best = rate;
  }
  for (let step = 0; step < plan.ladder.bisections && best > 0 && miss; step++) {
    const middle = Math.round((best + miss) / 2);
    if (middle === best || middle === miss) break;
    if (await tryRate(middle)) best = middle;
    else miss = middle;
  }

  if (plan.runs === 1) {
    const single = steps.find((s) => s.rate === best);
    return { ...(single ?? { rate: 0, e2eP99: Number.NaN }), steps };
  }
  // One lucky run is not a figure: confirm with the median, stepping down on a miss.
  const candidates = steps
    .filter((s) => s.pass)
    .map((s) => s.rate)
    .sort((a, b) => b - a);
  for (const rate of candidates) {
    const confirmed = await medianOf(plan.runs, (run) =>
      probe(context, rate, `maxc${rate}r${run}`),
    );
    if (confirmed.e2eP99 < P99_LIMIT_MS) return { rate, ...confirmed, steps };
    log(`  ${rate} msg/s not confirmed (median p99 ${formatMs(confirmed.e2eP99, 1)})`);
  }
  return { rate: 0, e2eP99: Number.NaN, steps };
}
