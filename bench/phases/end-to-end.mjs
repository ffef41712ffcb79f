// Figure 2: accept → delivered at fixed rates (100 and 500 messages/s), an empty database per run.
import { endToEndRun } from '../lib/e2e-run.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { medianOf } from '../lib/repeat.mjs';
import { formatMs } from '../report/format.mjs';

export async function measureFixedRates(context) {
  const { plan, log, fixtures, now } = context;
  const byRate = {};
  for (const rate of plan.fixedRates) {
    byRate[rate] = await medianOf(plan.runs, (run) =>
      withRelayStack(context, (stack) =>
        endToEndRun({
          stack,
          receiver: fixtures.receiver,
          rate,
          seconds: plan.fixedSeconds,
          drainSeconds: plan.drainSeconds,
          runTag: `e2e${rate}r${run}`,
          now,
        }),
      ),
    );
    const figures = byRate[rate];
    const ms = (value) => formatMs(value, plan.drainSeconds);
    log(
      `  ${rate} msg/s: accept p99 ${ms(figures.acceptP99)}, end to end p50 ${ms(figures.e2eP50)}, p99 ${ms(figures.e2eP99)} (${figures.delivered}/${figures.timed} delivered)`,
    );
  }
  return byRate;
}
