// A Zapier subscription the relay removes (expired, paused too long) must not leave a Zap that
// looks on and hears nothing: the relay sends DELETE to its hook URL, which Zapier documents as
// turning the Zap off. Zapier's service is nock'ed (we cannot reach it); a 410 needs no DELETE.
import { expect, test } from '@jest/globals';
import nock from 'nock';
import { expireSubscriptions } from '../../relay/src/subscriptions/subscription-expiry.js';
import { capturedLog } from '../support/captured-log.js';
import { useNockedNetwork } from '../support/nocked-openai.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { waitFor } from '../support/wait.js';

const ZAPIER = 'https://hooks.zapier.com';
const DAY_MS = 86_400_000;
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const log = capturedLog();
useNockedNetwork();
const relay = relayForThisFile({
  deps: { clock, logger: log.logger },
  settings: { retryScheduleMs: [], subscriptionExpiryMs: 30 * DAY_MS },
});
const receivers = receiverPool();

const expire = () =>
  expireSubscriptions({ ...relay.relay.services.deps, events: relay.relay.services.relayEvents });

async function zapSubscription(path: string, extra: Record<string, unknown> = {}) {
  const { connectionId } = await createConnection(relay, (await receivers.start()).url);
  const subscribed = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl: `${ZAPIER}${path}`, ...extra },
  });
  expect(subscribed.status).toBe(201);
  return { connectionId, id: subscribed.body.id as string };
}

const zapLines = (subscriptionId: string) =>
  log.lines.filter(
    (line) => line.subscriptionId === subscriptionId && /Zap/.test(String(line.msg)),
  );

test('an expired Zapier subscription turns its Zap off through a DELETE of its hook URL', async () => {
  const { id } = await zapSubscription('/hooks/standard/1/expired/', { ttlSeconds: 60 });
  const zapier = nock(ZAPIER).delete('/hooks/standard/1/expired/').reply(200, { status: 'ok' });
  offsetMs += 2 * 60_000;

  expect(await expire()).toEqual({ subscriptions: 1 });

  expect(zapier.isDone()).toBe(true);
  expect(zapLines(id)).toEqual([
    expect.objectContaining({ level: 30, msg: 'Zap turned off through its hook', status: 200 }),
  ]);
});

test('a Zapier subscription paused too long does too; a refusal is logged, the removal still told', async () => {
  const { id } = await zapSubscription('/hooks/standard/1/paused/');
  await relay.api(`/api/subscriptions/${id}`, { method: 'DELETE' });
  const zapier = nock(ZAPIER).delete('/hooks/standard/1/paused/').reply(500);
  offsetMs += 31 * DAY_MS;

  expect(await expire()).toEqual({ subscriptions: 1 });

  expect(zapier.isDone()).toBe(true);
  expect(zapLines(id)).toEqual([
    expect.objectContaining({
      level: 40,
      msg: 'Zap not turned off through its hook',
      reason: 'HTTP 500',
    }),
  ]);
  expect(log.find('subscription removed')).toContainEqual(
    expect.objectContaining({ subscriptionId: id, reason: 'paused_too_long' }),
  );
});

test('a Zapier hook that answered 410 is removed without a DELETE: its Zap is off already', async () => {
  const { connectionId, id } = await zapSubscription('/hooks/standard/1/gone/');
  const zapier = nock(ZAPIER).post('/hooks/standard/1/gone/').reply(410);

  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'still on?' } });

  await waitFor(() => log.find('subscription removed').some((line) => line.subscriptionId === id), {
    what: 'the removal',
  });
  expect(zapier.isDone()).toBe(true);
  expect(zapLines(id)).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
});
