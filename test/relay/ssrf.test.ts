// The SSRF guard with RELAY_ALLOW_PRIVATE_URLS=false: private, loopback, link-local and
// metadata targets (webhook URLs, subscriptions, callbackUrls) are refused when saved (400
// naming the field) and again when sent.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { waitForDeliveryOf } from '../support/deliveries.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { storedQuestions } from '../support/store-reads.js';

/** What the relay's resolver answers when a URL is saved. */
const SAVE_TIME_DNS: Record<string, string[]> = {
  'public.test': ['93.184.216.34'],
  'internal.test': ['10.1.2.3'],
  'mixed.test': ['93.184.216.34', '192.168.1.1'],
  // Lies at save time; the operating system's resolver says loopback when the relay sends.
  localhost: ['93.184.216.34'],
};

const PRIVATE_URLS = [
  'http://127.0.0.1/hook',
  'http://10.0.0.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/hook',
  'http://2130706433/',
  'http://0x7f.0.0.1/',
  'http://127.1/',
  'http://0/',
  'http://[::ffff:127.0.0.1]/',
  'http://[fe80::1]/',
  'http://[fd00::1]/',
  'http://172.16.0.1/',
  'http://192.168.0.1/',
  'http://100.64.0.1/',
  'http://internal.test/hook',
  'http://mixed.test/hook',
  'http://does-not-resolve.test/hook',
];

let relay: TestRelay;
let receiver: Receiver;
let chatbotId: string;
let connectionId: string;
beforeAll(async () => {
  relay = await startTestRelay({
    settings: { allowPrivateUrls: false },
    deps: {
      resolve: (host) => {
        const addresses = SAVE_TIME_DNS[host];
        return addresses
          ? Promise.resolve(addresses)
          : Promise.reject(new Error(`ENOTFOUND ${host}`));
      },
    },
  });
  receiver = await startReceiver();
  chatbotId = (await relay.api('/api/chatbots', { body: { name: 'Bot' } })).body.id;
  const created = await relay.api(`/api/chatbots/${chatbotId}/connections`, {
    body: { webhookUrl: 'http://public.test/hook' },
  });
  expect(created.status).toBe(201);
  connectionId = created.body.id;
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

function expectRefused(response: { status: number; body: { error: unknown } }, field: string) {
  expect(response.status).toBe(400);
  expect(response.body.error).toEqual({
    code: 'validation_failed',
    message: expect.stringMatching(new RegExp(`^${field}: `)),
    field,
  });
}

describe.each(PRIVATE_URLS)('%s', (url) => {
  test('is refused as a connection webhookUrl', async () => {
    const response = await relay.api(`/api/chatbots/${chatbotId}/connections`, {
      body: { webhookUrl: url },
    });
    expectRefused(response, 'webhookUrl');
  });

  test('is refused as a new webhookUrl of an existing connection', async () => {
    const response = await relay.api(`/api/connections/${connectionId}`, {
      method: 'PATCH',
      body: { webhookUrl: url },
    });
    expectRefused(response, 'webhookUrl');
  });

  test('is refused as a subscription targetUrl', async () => {
    const response = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
      body: { targetUrl: url },
    });
    expectRefused(response, 'targetUrl');
  });

  test("is refused as a message's callbackUrl, and the message is not stored", async () => {
    const response = await relay.api('/api/webhooks/incoming', {
      body: { connectionId, message: `call ${url} back`, callbackUrl: url },
    });
    expectRefused(response, 'callbackUrl');
    expect(await storedQuestions(relay.store, connectionId, `call ${url} back`)).toBe(0);
  });
});

test('a name that resolved to a public address when saved is refused when it resolves to loopback at send time', async () => {
  const port = new URL(receiver.url).port;
  const created = await relay.api(`/api/chatbots/${chatbotId}/connections`, {
    body: { webhookUrl: `http://localhost:${port}/webhook` },
  });
  expect(created.status).toBe(201);

  await relay.api('/api/webhooks/incoming', {
    body: { connectionId: created.body.id, message: 'rebind me' },
  });
  const refused = await waitForDeliveryOf(relay, created.body.id, (d) => d.attempts.length > 0);
  const tested = await relay.api(`/api/connections/${created.body.id}/test`, { method: 'POST' });

  expect(refused.attempts[0]).toEqual(
    expect.objectContaining({ status: null, error: expect.stringMatching(/private address/) }),
  );
  expect(tested.body).toEqual(
    expect.objectContaining({ ok: false, status: null, error: expect.stringMatching(/private/) }),
  );
  expect(receiver.requests).toEqual([]);
});
