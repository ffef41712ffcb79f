// One closed-loop accept run against a relay: POST /api/webhooks/incoming from `concurrency`
// callers, each sending its next message as soon as the last one is answered.
import { runClosedLoop } from './closed-loop.mjs';
import { benchMessage } from './messages.mjs';
import { cpuMeter } from './proc-stats.mjs';
import { coresUsed } from './repeat.mjs';

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
