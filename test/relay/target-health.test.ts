// Health figures per target: a scripted run of successes and failures gives exact figures in
// the API and /metrics (flushed by several processes on one store: integration/shared-health).
import { expect, test } from '@jest/globals';
import type { Connection, TargetHealth } from '@fourthchat/shared';
import { deltaOf } from '../../relay/src/health/health-recorder.js';
import { percentile } from '../../relay/src/presenters/target-health.js';
import { HEALTH_LATENCY_BOUNDS_MS } from '../../relay/src/model/target-health.js';
import { listDeliveries } from '../support/deliveries.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { waitFor } from '../support/wait.js';

const relay = relayForThisFile({
  settings: { retryScheduleMs: [], disableAfter: { failures: 1_000, ms: null } },
});
const receivers = receiverPool();

async function healthOf(connectionId: string): Promise<TargetHealth[]> {
  await relay.relay.services.health.flush();
  return ((await relay.api(`/api/connections/${connectionId}`)).body as Connection).health;
}

test('a scripted run of successes and failures gives exact figures', async () => {
  const script = [200, 500, 500, 200, 503, 500];
  const webhook = await receivers.start((_, index) => ({ status: script[index] ?? 200 }));
  const always = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  const sub = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl: always.url },
  });
  for (const [index] of script.entries()) {
    await relay.api('/api/webhooks/incoming', { body: { connectionId, message: `m${index}` } });
    await waitFor(
      async () =>
        (await listDeliveries(relay, connectionId)).filter(
          (d) => !d.subscriptionId && d.attempts.length === 1,
        ).length > index,
      { what: `attempt ${index}` },
    );
  }
  const attempts = (await listDeliveries(relay, connectionId))
    .filter((d) => !d.subscriptionId)
    .map((d) => d.attempts[0])
    .sort((a, b) => (a?.at ?? '').localeCompare(b?.at ?? ''));

  const [webhookHealth, subHealth] = await healthOf(connectionId);

  expect(webhookHealth).toEqual({
    target: { kind: 'webhook', url: webhook.url },
    state: 'failing',
    last24h: {
      attempts: 6,
      succeeded: 2,
      successRate: 2 / 6,
      p50Ms: expect.any(Number),
      p99Ms: expect.any(Number),
    },
    consecutiveFailures: 2,
    failingSince: attempts[4]?.at,
    lastError: { message: 'HTTP 500', at: attempts[5]?.at },
    lastSuccessAt: attempts[3]?.at,
  });
  expect(HEALTH_LATENCY_BOUNDS_MS).toContain(webhookHealth?.last24h.p50Ms);
  expect(webhookHealth?.last24h.p99Ms).toBeGreaterThanOrEqual(webhookHealth?.last24h.p50Ms ?? 0);
  expect(subHealth).toEqual(
    expect.objectContaining({
      target: { kind: 'subscription', subscriptionId: sub.body.id, url: always.url },
      state: 'healthy',
      consecutiveFailures: 0,
      last24h: expect.objectContaining({ attempts: 6, succeeded: 6, successRate: 1 }),
    }),
  );
  const listed = await relay.api(`/api/connections/${connectionId}/subscriptions`);
  expect(listed.body.data[0].health).toEqual(subHealth);
  const metrics = await (await fetch(`${relay.url}/metrics`)).text();
  expect(metrics).toContain(
    `relay_target_attempts_total{connection="${connectionId}",outcome="success"} 8`,
  );
  expect(metrics).toContain(
    `relay_target_attempts_total{connection="${connectionId}",outcome="failure"} 4`,
  );
  expect(metrics).toContain(`relay_targets_paused{connection="${connectionId}"} 0`);
  expect(metrics).not.toContain(webhook.url);
});

test('a success after failures in one flush round counts only the failures after it', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s));
  const outcome = (ok: boolean, s: number, durationMs: number) => ({
    ok,
    at: at(s),
    durationMs,
    error: ok ? undefined : `HTTP 50${s}`,
    gaveUp: !ok,
  });

  const delta = deltaOf('conn_x:webhook', {
    connectionId: 'conn_x',
    subscriptionId: null,
    outcomes: [
      outcome(false, 1, 3),
      outcome(true, 2, 40),
      outcome(false, 3, 5),
      outcome(false, 4, 900),
    ],
  });

  expect(delta).toEqual(
    expect.objectContaining({
      failures: 2,
      success: { at: at(2), failingSince: at(3) },
      firstFailureAt: null,
      lastError: { message: 'HTTP 504', at: at(4) },
    }),
  );
  expect(delta.hours).toHaveLength(1);
  expect(delta.hours[0]?.attempts).toBe(4);
  expect(delta.hours[0]?.succeeded).toBe(1);
  // 3 ms → ≤4, 40 → ≤64, 5 → ≤8, 900 → ≤1024
  expect([...(delta.hours[0]?.latency ?? [])].sort()).toEqual([
    [10, 1],
    [2, 1],
    [3, 1],
    [6, 1],
  ]);
});

test('percentiles are the upper bound of the bucket that holds them', () => {
  const counts = HEALTH_LATENCY_BOUNDS_MS.map(() => 0);
  counts[2] = 98; // ≤ 4 ms
  counts[9] = 2; // ≤ 512 ms

  expect(percentile(counts, 0.5)).toBe(4);
  expect(percentile(counts, 0.99)).toBe(512);
  expect(
    percentile(
      counts.map(() => 0),
      0.5,
    ),
  ).toBeNull();
});

test('many deliveries at once: the figures count every attempt exactly', async () => {
  const webhook = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  const messages = 40;

  await Promise.all(
    Array.from({ length: messages }, (_, i) =>
      relay.api('/api/webhooks/incoming', {
        body: { connectionId, message: `at once ${i}`, userId: `user-${i}` },
      }),
    ),
  );
  await waitFor(
    async () =>
      (await listDeliveries(relay, connectionId)).filter((d) => d.status === 'delivered').length ===
      messages,
    { what: 'every delivery' },
  );

  const [health] = await healthOf(connectionId);
  expect(health?.last24h).toEqual(
    expect.objectContaining({ attempts: messages, succeeded: messages, successRate: 1 }),
  );
});
