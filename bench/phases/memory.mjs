// Figure 4: the relay's RSS while it handles up to 100,000 messages (fewer with --quick)
// at the pace it sustains, sampled over time, and whether it grows per message once steady.
import { benchMessage } from '../lib/messages.mjs';
import { rssBytes } from '../lib/proc-stats.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { slope } from '../lib/stats.mjs';
import { runWindowed } from '../lib/windowed-load.mjs';

/** Growth per message below which RSS counts as flat: 10 MB per 100,000 messages. */
export const FLAT_BYTES_PER_MESSAGE = 100;
const MB = 1024 * 1024;

async function heapUsedBytes(baseUrl) {
  const text = await fetch(`${baseUrl}/metrics`).then((response) => response.text());
  return Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
}

/**
 * Steady state is the second half of the messages: the first half includes start-up,
 * JIT and the heap growing to its working size.
 */
export function memoryVerdict(samples, minMessages) {
  const last = samples.at(-1)?.delivered ?? 0;
  const steady = samples.filter((s) => s.delivered >= last / 2 && Number.isFinite(s.rssMB));
  const bytesPerMessage = slope(steady.map((s) => ({ x: s.delivered, y: s.rssMB * MB })));
  const steadyMessages = last - (steady[0]?.delivered ?? last);
  let verdict = 'growing';
  if (steadyMessages < minMessages) verdict = 'inconclusive';
  else if (bytesPerMessage <= FLAT_BYTES_PER_MESSAGE) verdict = 'flat';
  return { bytesPerMessage, steadyMessages, verdict };
}

export async function measureMemory(context) {
  const { plan, log, fixtures, now } = context;
  const { messages, budgetSeconds, window, sampleMs } = plan.memory;
  return withRelayStack(context, async (stack) => {
    const started = now();
    const samples = [];
    const load = await runWindowed({
      origin: stack.baseUrl,
      path: '/api/webhooks/incoming',
      headers: stack.headers,
      message: (i) => benchMessage(stack.connections.healthy, 'mem', i),
      window,
      total: messages,
      deadline: started + budgetSeconds * 1000,
      receiver: fixtures.receiver,
      now,
    });
    const sample = async () => {
      samples.push({
        seconds: (now() - started) / 1000,
        delivered: load.progress.delivered,
        rssMB: rssBytes(stack.pids.relay) / MB,
        heapMB: (await heapUsedBytes(stack.baseUrl).catch(() => Number.NaN)) / MB,
      });
    };
    await sample();
    const timer = setInterval(sample, sampleMs);
    const outcome = await load.finish();
    clearInterval(timer);
    await sample();
    const result = {
      targetMessages: messages,
      ...outcome,
      seconds: (now() - started) / 1000,
      rssStartMB: samples[0].rssMB,
      rssEndMB: samples.at(-1).rssMB,
      rssPeakMB: Math.max(...samples.map((s) => s.rssMB)),
      ...memoryVerdict(samples, messages / 10),
      samples,
    };
    log(
      `  ${outcome.delivered} messages in ${result.seconds.toFixed(0)} s, RSS ${result.rssStartMB.toFixed(0)} → ${result.rssEndMB.toFixed(0)} MB, ${result.verdict}`,
    );
    return result;
  });
}
