// The relay's output over a full run at the most verbose level: structured JSON lines with
// request ids, and never an API key, a webhook secret or a custom header's value.
// Needs relay/dist (npx tsc -b relay).
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { apiClient } from '../support/api-client.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

let relay: RelayProcess;
let receiver: Receiver;
const secrets: string[] = [];
beforeAll(async () => {
  receiver = await startReceiver((request) => ({
    status: request.path.includes('failing') ? 500 : 200,
  }));
  relay = await startRelayProcess({ env: { LOG_LEVEL: 'trace' } });
  secrets.push(relay.apiKey);
  const api = apiClient(relay.baseUrl, relay.apiKey);

  const givenSecret = 'whsec_c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1sZWFr';
  const headerValue = 'Bearer receiver-token-that-must-not-leak';
  const connection = await createConnection({ api }, receiver.url, {
    secret: givenSecret,
    customHeaders: { Authorization: headerValue },
  });
  const failing = await createConnection({ api }, `${receiver.url}/failing`);
  const subscriptions = await Promise.all([
    api(`/api/connections/${connection.connectionId}/subscriptions`, {
      body: { targetUrl: `${receiver.url}/sub`, secret: 'subscription-secret-must-not-leak' },
    }),
    api(`/api/connections/${failing.connectionId}/subscriptions`, {
      body: { targetUrl: `${receiver.url}/failing-sub` },
    }),
  ]);
  const rotated = await api(`/api/connections/${connection.connectionId}/rotate-secret`, {
    method: 'POST',
  });
  const key = await api('/api/keys', { body: { name: 'extra' } });
  secrets.push(
    givenSecret,
    givenSecret.replace(/^whsec_/, ''),
    headerValue,
    connection.secret,
    failing.secret,
    rotated.body.secret,
    key.body.key,
    ...subscriptions.map((s) => s.body.secret as string),
  );

  for (const { connectionId } of [connection, failing]) {
    await api('/api/webhooks/incoming?wait=true', {
      body: { connectionId, message: 'log me', metadata: { note: 'hello' } },
      headers: { 'Idempotency-Key': `log-${connectionId}` },
    });
    await api(`/api/connections/${connectionId}/test`, { method: 'POST' });
  }
  await api('/api/me', { apiKey: 'fck_a_wrong_guess_that_must_not_leak' });
  secrets.push('fck_a_wrong_guess_that_must_not_leak');
  await waitFor(() => receiver.requests.filter((r) => r.path.includes('failing')).length >= 5, {
    what: 'a failed attempt and its retry',
  });
  await relay.stop();
}, scaledMs(30_000));
afterAll(async () => {
  await relay.stop('SIGKILL');
  await receiver.close();
});

test('no API key, webhook secret or custom header value appears in the output', () => {
  const output = relay.output();
  expect(output).toMatch(/"route":"\/api\/webhooks\/incoming"/);
  expect(secrets.filter((secret) => output.includes(secret))).toEqual([]);
});

test('log lines are JSON, every request line has a request id, and none is a 5xx', () => {
  const lines = relay
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'));
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const requests = records.filter((record) => record.msg === 'request');

  expect(requests.length).toBeGreaterThan(10);
  expect(requests.filter((r) => Number(r.status) >= 500)).toEqual([]);
  expect(requests.every((r) => typeof r.requestId === 'string' && r.requestId !== '')).toBe(true);
  expect(records.every((r) => r.service === 'fourthchat-relay')).toBe(true);
});
