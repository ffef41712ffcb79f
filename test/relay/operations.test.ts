// Operator endpoints: /healthz, /readyz, /metrics (Prometheus), and request ids (/readyz of a
// store gone: integration/accepts.test.ts).
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { waitFor } from '../support/wait.js';

let relay: TestRelay;
let receiver: Receiver;
beforeAll(async () => {
  relay = await startTestRelay({ settings: { retryScheduleMs: [60_000] } });
  receiver = await startReceiver((request) => ({
    status: request.path.includes('down') ? 503 : 200,
  }));
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

test('/healthz and /readyz answer without a key', async () => {
  const health = await fetch(`${relay.url}/healthz`);
  const ready = await fetch(`${relay.url}/readyz`);

  expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
  expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
});

test('/metrics counts requests, replies, deliveries by outcome, attempt latency and queue depth', async () => {
  const { connectionId } = await createConnection(relay, receiver.url);
  const { connectionId: downId } = await createConnection(relay, `${receiver.url}/down`);
  for (const id of [connectionId, downId]) {
    await relay.api('/api/webhooks/incoming', { body: { connectionId: id, message: 'count me' } });
  }
  await waitFor(() => receiver.requests.length >= 2, { what: 'both deliveries' });
  await waitFor(
    async () =>
      (await relay.api(`/api/connections/${downId}/deliveries?status=retrying`)).body.data[0],
    { what: 'the failed attempt recorded' },
  );

  const response = await fetch(`${relay.url}/metrics`);
  const text = await response.text();

  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const value = (series: string) =>
    Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
  expect(
    value('relay_http_requests_total{method="POST",route="/api/webhooks/incoming",status="202"}'),
  ).toBe(2);
  expect(value('relay_ai_replies_total{outcome="completed"}')).toBe(2);
  expect(value('relay_delivery_attempts_total{outcome="delivered"}')).toBe(1);
  expect(value('relay_delivery_attempts_total{outcome="retrying"}')).toBe(1);
  expect(value('relay_delivery_attempt_seconds_count{outcome="success"}')).toBe(1);
  expect(value('relay_delivery_attempt_seconds_count{outcome="failure"}')).toBe(1);
  expect(value('relay_queue_depth{queue="replies"}')).toBe(0);
  expect(text).toMatch(/^process_cpu_user_seconds_total /m);
});

test('every answer carries a request id, the caller’s own when it sends one', async () => {
  const given = await fetch(`${relay.url}/healthz`, { headers: { 'X-Request-Id': 'trace-42' } });
  const generated = await fetch(`${relay.url}/healthz`);

  expect(given.headers.get('x-request-id')).toBe('trace-42');
  expect(generated.headers.get('x-request-id')).toMatch(/^req_\w+$/);
});
