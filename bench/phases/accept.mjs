// Figure 1 and limit (a): closed-loop POST /api/webhooks/incoming at each concurrency,
// against the relay (an empty database per run) and against a bare Koa handler.
import { acceptRun } from '../lib/accept-run.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { medianOf } from '../lib/repeat.mjs';
import { describeAccept } from '../report/format.mjs';

export async function measureRelayAccept(context) {
  const { plan, log } = context;
  const byConcurrency = {};
  for (const concurrency of plan.concurrencies) {
    byConcurrency[concurrency] = await medianOf(plan.runs, (run) =>
      withRelayStack(context, (stack) =>
        acceptRun({
          ...stack,
          connectionId: stack.connections.healthy,
          concurrency,
          plan,
          runTag: `acc${concurrency}r${run}`,
        }),
      ),
    );
    log(`  relay accept c=${concurrency}: ${describeAccept(byConcurrency[concurrency])}`);
  }
  return byConcurrency;
}

export async function measureBareKoa(context) {
  const { plan, log, fixtures } = context;
  const byConcurrency = {};
  for (const concurrency of plan.concurrencies) {
    byConcurrency[concurrency] = await medianOf(plan.runs, (run) =>
      acceptRun({
        baseUrl: fixtures.bareKoaUrl,
        headers: {},
        connectionId: 'conn_bench',
        concurrency,
        plan,
        runTag: `koa${concurrency}r${run}`,
        pids: { koa: fixtures.bareKoaPid, load: process.pid },
      }),
    );
    log(`  (a) bare Koa c=${concurrency}: ${describeAccept(byConcurrency[concurrency])}`);
  }
  return byConcurrency;
}
