// What the tests of held replies share: a connection with a hook that fails on demand, and
// ways to make replies in order and to see which arrived, in which order, and which are held.
import { expect } from '@jest/globals';
import type { Delivery, Subscription } from '@fourthchat/shared';
import { listDeliveries } from './deliveries.js';
import type { Receiver, ReceivedRequest } from './receiver.js';
import type { receiverPool } from './receiver-pool.js';
import { createConnection, type TestRelay } from './relay-harness.js';
import { waitFor } from './wait.js';

export interface HookOptions {
  whileUnpublished?: 'hold' | 'drop';
  /** How long the hook takes to answer request `index` while up. */
  delayMs?: (index: number) => number;
}

export function heldReplies(relay: TestRelay, receivers: ReturnType<typeof receiverPool>) {
  const subscribe = (connectionId: string, body: Record<string, unknown>) =>
    relay.api(`/api/connections/${connectionId}/subscriptions`, { body });

  /** A connection with a webhook that always answers, and a hook that fails while `down`. */
  async function hooked({ delayMs, ...options }: HookOptions = {}) {
    const state = { down: false };
    const webhook = await receivers.start();
    const hook = await receivers.start((_request: ReceivedRequest, index: number) =>
      state.down ? { status: 503 } : { status: 200, delayMs: delayMs?.(index) ?? 0 },
    );
    const watcher = await receivers.start();
    const { connectionId } = await createConnection(relay, webhook.url);
    await subscribe(connectionId, { targetUrl: watcher.url, events: ['target.resumed'] });
    const first = await subscribe(connectionId, { targetUrl: hook.url, ...options });
    expect(first.status).toBe(201);
    return { state, webhook, hook, watcher, connectionId, id: first.body.id as string };
  }

  async function subscriptionOf(
    connectionId: string,
    id: string,
  ): Promise<Subscription | undefined> {
    const listed = await relay.api(`/api/connections/${connectionId}/subscriptions`);
    return (listed.body.data as Subscription[]).find((s) => s.id === id);
  }

  /** Sends each message once the one before is answered, so the replies are made in order. */
  async function sendInOrder(connectionId: string, messages: string[]) {
    for (const message of messages) {
      const sent = await relay.api('/api/webhooks/incoming?wait=true', {
        body: { connectionId, message },
      });
      expect(sent.status).toBe(200);
    }
  }

  const heldFor = async (connectionId: string, id: string) =>
    (await listDeliveries(relay, connectionId)).filter(
      (d: Delivery) => d.subscriptionId === id && d.status === 'paused',
    );

  /** The contents of the replies `receiver` got, in arrival order. */
  const contents = (receiver: Receiver) =>
    receiver.requests
      .filter((r) => r.headers['x-webhook-event'] === 'ai.response')
      .map((r) => (JSON.parse(r.body) as { message: { content: string } }).message.content);

  async function expectSentOnceInOrder(hook: Receiver, messages: string[]) {
    const echoed = messages.map((m) => `[echo] ${m}`);
    await waitFor(() => echoed.every((m) => contents(hook).includes(m)), {
      what: 'every held reply',
    });
    const got = contents(hook).filter((c) => echoed.includes(c));
    expect(got).toEqual(echoed);
    return hook.requests.filter((r) => echoed.some((m) => r.body.includes(`"content":"${m}"`)));
  }

  return {
    hooked,
    subscribe,
    subscriptionOf,
    sendInOrder,
    heldFor,
    contents,
    expectSentOnceInOrder,
  };
}
