// Figure 1 and limit (a): closed-loop POST /api/webhooks/incoming at each concurrency,
// against the relay (an empty database per run) and against a bare Koa handler.
import { runClosedLoop } from '../lib/closed-loop.mjs';
import { benchMessage } from '../lib/messages.mjs';
import { cpuMeter } from '../lib/proc-stats.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { coresUsed, medianOf } from '../lib/repeat.mjs';
import { describeAccept } from '../report/format.mjs';

const INCOMING = '/api/webhooks/incoming';

/**
 * A short warm-up (JIT, connection pools), then the measured part. `onAccepted` is told the
 * tag of every accepted message, warm-up included.
 */
export async function acceptRun({
  baseUrl,
  headers,
  connectionId,
  concurrency,
  plan,
  runTag,
  pids,
  onAccepted,
}) {
  const load = (seconds, tag) =>
    runClosedLoop({
      url: `${baseUrl}${INCOMING}`,
      headers,
      concurrency,
      seconds,
      message: (i) => benchMessage(connectionId, tag, i),
      onAccepted,
    });
  await load(plan.warmupSeconds, `${runTag}w`);
  const meter = cpuMeter(pids);
  const result = await load(plan.acceptSeconds, runTag);
  return { ...result, ...coresUsed(meter(), plan.acceptSeconds) };
}

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
