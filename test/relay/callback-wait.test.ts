// `?wait=true` with a callbackUrl: exactly one of the two gets the outcome. A request answered
// 200 (or 424) has no callback sent; one answered 202 has exactly one. Decided in one place
// (ReplyWaits.settled), checked here with many messages at once whose replies land before,
// after and right at the end of their wait.
import { expect, test } from '@jest/globals';
import type { Delivery } from '@fourthchat/shared';
import { ReplyFailedError, type Responder } from '../../relay/src/ai/responder.js';
import { gatedResponder } from '../support/gated-responder.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { waitFor } from '../support/wait.js';

/** `slow …` waits for the gate; `fail …` fails; `race N` answers after N ms (an AI's latency). */
const gate = gatedResponder((request) => lastText(request).startsWith('slow'));
const responder: Responder = {
  name: 'test',
  async reply(request) {
    const text = lastText(request);
    if (text.startsWith('fail')) throw new ReplyFailedError('provider_error', 'AI down');
    const race = /^race (\d+)$/.exec(text);
    if (race) await new Promise((resolve) => setTimeout(resolve, Number(race[1])));
    return gate.reply(request);
  },
};
function lastText(request: { history: { content: string }[] }): string {
  return request.history.at(-1)?.content ?? '';
}

const relay = relayForThisFile({ responder });
const receivers = receiverPool();

async function setUp() {
  const webhook = await receivers.start();
  const callback = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  return { webhook, callback, connectionId };
}

const sendWaiting = (
  connectionId: string,
  message: string,
  callbackUrl: string,
  query = '',
  userId = message,
) =>
  relay.api(`/api/webhooks/incoming?wait=true${query}`, {
    body: { connectionId, message, userId, callbackUrl },
  });

/** Every delivery of the connection, once `count` reply deliveries to the webhook URL exist. */
async function settled(connectionId: string, replies: number): Promise<Delivery[]> {
  return waitFor(
    async () => {
      const log = await relay.api(`/api/connections/${connectionId}/deliveries?limit=200`);
      const all = log.body.data as Delivery[];
      const toWebhook = all.filter((d) => d.kind === 'reply' && !d.subscriptionId);
      return toWebhook.length >= replies && all.every((d) => d.status === 'delivered')
        ? all
        : undefined;
    },
    { what: `${String(replies)} replies delivered` },
  );
}

test('a reply returned to the waiting request is not sent to the callback', async () => {
  const { callback, connectionId } = await setUp();

  const answer = await sendWaiting(connectionId, 'quick', callback.url);

  expect(answer.status).toBe(200);
  // The callback would be created in the same insert as the webhook URL's delivery.
  const deliveries = await settled(connectionId, 1);
  expect(deliveries.filter((d) => d.kind === 'callback')).toEqual([]);
  expect(callback.requests).toEqual([]);
});

test('a wait that ends with the 202 leaves the reply to the callback', async () => {
  const { callback, connectionId } = await setUp();

  const answer = await sendWaiting(connectionId, 'slow one', callback.url, '&timeoutMs=50');

  expect(answer.status).toBe(202);
  gate.open();
  await waitFor(() => callback.requests.length > 0, { what: 'the callback' });
  expect(JSON.parse(callback.requests[0]?.body ?? '').message.content).toBe('[gated] slow one');
  const deliveries = await settled(connectionId, 1);
  expect(deliveries.filter((d) => d.kind === 'callback')).toHaveLength(1);
});

test('a failure answered 424 to the waiting request sends no message.failed to the callback', async () => {
  const { callback, connectionId } = await setUp();

  const answer = await sendWaiting(connectionId, 'fail now', callback.url, '', 'one-user');

  expect(answer.status).toBe(424);
  // The next message of the conversation is answered after this one's turn is delivered.
  const next = await sendWaiting(connectionId, 'quick after', callback.url, '', 'one-user');
  expect(next.status).toBe(200);
  const deliveries = await settled(connectionId, 1);
  expect(deliveries.map((d) => d.kind)).toEqual(['reply']);
  expect(callback.requests).toEqual([]);
});

test('many messages at once, replies landing before, at and after the wait: 200 xor one callback', async () => {
  const { callback, connectionId } = await setUp();
  const waitMs = 60;
  const messages = Array.from({ length: 30 }, (_, i) => `race ${String((i * 7) % 120)}`);
  messages.push('quick a', 'quick b');

  const answers = await Promise.all(
    messages.map((message) =>
      sendWaiting(connectionId, message, callback.url, `&timeoutMs=${String(waitMs)}`),
    ),
  );

  const deliveries = await settled(connectionId, messages.length);
  await waitFor(
    () =>
      callback.requests.length === deliveries.filter((d) => d.kind === 'callback').length &&
      callback.requests.length,
    { what: 'every callback received' },
  );
  const calledBack = callback.requests.map(
    (r) => (JSON.parse(r.body) as { userId: string }).userId,
  );
  answers.forEach((answer, index) => {
    const message = messages[index] as string;
    if (answer.status === 200) expect(calledBack).not.toContain(message);
    else {
      expect(answer.status).toBe(202);
      expect(calledBack.filter((userId) => userId === message)).toHaveLength(1);
    }
  });
  expect(answers.filter((a) => a.status === 200).length + calledBack.length).toBe(messages.length);
});
