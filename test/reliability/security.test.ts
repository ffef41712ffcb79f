// Security at send time and at rest. Save-time SSRF refusals, bad-key rate limiting,
// tenant isolation and log hygiene live in test/relay/{ssrf,errors,isolation,log-secrets}.
// Here: targets saved while private URLs were allowed (written straight into the store,
// as another relay with RELAY_ALLOW_PRIVATE_URLS=true would) are refused when a relay
// without that setting sends to them; and webhook secrets are unreadable in the store
// without RELAY_SECRET_KEY.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Delivery } from '@fourthchat/shared';
import { createSecretBox } from '../../relay/src/security/secret-box.js';
import { listDeliveries } from '../support/deliveries.js';
import { waitFor } from '../support/wait.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startMongoTestRelay, type MongoTestRelay } from '../support/mongo-relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { scaledMs } from '../support/time-scale.js';

jest.setTimeout(scaledMs(60_000));

let relay: MongoTestRelay;
let receiver: Receiver;
let chatbotId: string;
let port: string;

beforeAll(async () => {
  relay = await startMongoTestRelay({
    cacheTtlMs: 0,
    settings: {
      allowPrivateUrls: false,
      retryScheduleMs: [100, 100, 100],
      deliveryTimeoutMs: 1_000,
    },
    // Only for saving: every name is public when the URL is saved.
    deps: { resolve: () => Promise.resolve(['93.184.216.34']) },
  });
  receiver = await startReceiver();
  port = new URL(receiver.url).port;
  chatbotId = (await relay.api('/api/chatbots', { body: { name: 'Bot' } })).body.id;
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

/** Private targets by class; PORT is the loopback receiver's, so a leak would show there. */
const SEND_TIME_TARGETS = [
  'http://127.0.0.1:PORT/webhook',
  'http://127.9.9.9:PORT/webhook',
  'http://[::1]:PORT/webhook',
  'http://[::ffff:127.0.0.1]:PORT/webhook',
  'http://0.0.0.0:PORT/webhook',
  'http://2130706433:PORT/webhook',
  'http://0x7f000001:PORT/webhook',
  'http://0177.0.0.1:PORT/webhook',
  // The operating system's resolver answers loopback for it.
  'http://localhost:PORT/webhook',
  'http://10.0.0.1/hook',
  'http://172.16.0.1/hook',
  'http://192.168.1.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://[fd00::1]/hook',
  'http://[fe80::1]/hook',
];

/** A connection saved as public, then pointed at `url` behind the API's back. */
async function connectionAimedAt(url: string): Promise<string> {
  const created = await relay.api(`/api/chatbots/${chatbotId}/connections`, {
    body: { webhookUrl: 'https://hooks.example.com/hook' },
  });
  expect(created.status).toBe(201);
  await relay.db
    .collection('connections')
    .updateOne({ _id: created.body.id }, { $set: { webhookUrl: url.replace('PORT', port) } });
  return created.body.id as string;
}

describe('SSRF at send time (RELAY_ALLOW_PRIVATE_URLS=false)', () => {
  test.each(SEND_TIME_TARGETS)('%s is refused by the test endpoint', async (url) => {
    const connectionId = await connectionAimedAt(url);

    const tested = await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });

    expect(tested.status).toBe(200);
    expect(tested.body).toEqual(
      expect.objectContaining({ ok: false, status: null, error: expect.stringMatching(/private/) }),
    );
  });

  test('reply deliveries to every private target are refused on every attempt, then failed', async () => {
    const connectionIds = await Promise.all(SEND_TIME_TARGETS.map(connectionAimedAt));
    await Promise.all(
      connectionIds.map((connectionId) =>
        relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'reach inside?' } }),
      ),
    );

    // Four attempts on Agenda's one-second poll: longer than the helpers' default deadline.
    const settled = await waitFor(
      async () => {
        const found = await Promise.all(
          connectionIds.map(async (id) => (await listDeliveries(relay, id))[0]),
        );
        return found.every((d) => d?.status === 'failed') && (found as Delivery[]);
      },
      { timeoutMs: 40_000, intervalMs: 200, what: 'every refused delivery failed' },
    );

    for (const delivery of settled) {
      // The first attempt and three retries, none a request that leaves the relay.
      expect(delivery.attempts.length).toBe(4);
      for (const attempt of delivery.attempts) {
        expect(attempt).toEqual(
          expect.objectContaining({ status: null, error: expect.stringMatching(/private/) }),
        );
      }
    }
    expect(receiver.requests).toEqual([]);
  });

  test('a subscription target moved to loopback is refused too', async () => {
    const connectionId = await connectionAimedAt('https://hooks.example.com/hook');
    const sub = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
      body: { targetUrl: 'https://hooks.example.com/sub' },
    });
    await relay.db
      .collection('subscriptions')
      .updateOne({ _id: sub.body.id }, { $set: { targetUrl: `http://127.0.0.1:${port}/sub` } });

    const tested = await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });

    expect(tested.body.subscriptions).toEqual([
      expect.objectContaining({
        id: sub.body.id,
        ok: false,
        error: expect.stringMatching(/private/),
      }),
    ]);
    expect(receiver.requests).toEqual([]);
  });
});

test('webhook secrets at rest are sealed: unreadable without RELAY_SECRET_KEY', async () => {
  const given = 'whsec_bXktdmVyeS1vd24tc2VjcmV0LXZhbHVl';
  const created = await relay.api(`/api/chatbots/${chatbotId}/connections`, {
    body: { webhookUrl: 'https://hooks.example.com/a', secret: given },
  });
  const sub = await relay.api(`/api/connections/${created.body.id}/subscriptions`, {
    body: { targetUrl: 'https://hooks.example.com/sub', secret: 'sub-secret-in-plain-sight' },
  });
  const rotated = await relay.api(`/api/connections/${created.body.id}/rotate-secret`, {
    method: 'POST',
  });
  const plain = [given, 'sub-secret-in-plain-sight', rotated.body.secret as string];

  // Raw documents, as anyone with access to the database (or a backup of it) reads them.
  const raw = JSON.stringify([
    await relay.db.collection('connections').findOne({ _id: created.body.id }),
    await relay.db.collection('subscriptions').findOne({ _id: sub.body.id }),
  ]);
  const connection = await relay.store.connections.get(created.body.id);
  const subscription = await relay.store.subscriptions.get(sub.body.id);

  expect(plain.filter((secret) => raw.includes(secret))).toEqual([]);
  expect(plain.filter((secret) => raw.includes(secret.replace(/^whsec_/, '')))).toEqual([]);
  const wrongKey = createSecretBox('not-the-relay-secret-key-0123');
  for (const sealed of [
    connection?.secret,
    connection?.previousSecrets[0]?.sealed,
    subscription?.secret,
  ]) {
    expect(sealed).toMatch(/^v1\./);
    expect(() => wrongKey.open(sealed as string)).toThrow();
  }
});
