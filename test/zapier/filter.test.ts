// New AI Response's filters (User ID, Metadata) against a real relay: the relay sends the Zap
// only the replies that match.
import { describe, expect, it } from '@jest/globals';
import { perform } from '../../zapier-app/src/triggers/new-ai-response/perform.js';
import { performSubscribe } from '../../zapier-app/src/triggers/new-ai-response/subscription.js';
import { waitFor } from '../support/wait.js';
import { appTester } from './support/app.js';
import { hooksOf } from './support/hooks.js';
import { handedOver } from './support/raw-request.js';
import { relayForZapierTests } from './support/relay.js';

const relay = relayForZapierTests();
const hooks = hooksOf(relay);

interface Reply {
  message: { id: string };
}

/** Sends a message and waits for its reply. */
async function send(message: string, userId: string, metadata: object = {}): Promise<Reply> {
  const body = { connectionId: relay.connectionId, message, userId, metadata };
  return (await relay.api.post('/api/webhooks/incoming?wait=true', body)) as Reply;
}

/** The reply ids the relay made deliveries of to the subscription, once `replies` all have theirs. */
async function repliesDeliveredTo(subscriptionId: string, replies: Reply[]): Promise<string[]> {
  type Logged = { subscriptionId?: string; messageId?: string };
  const log = await waitFor(
    async () => {
      const list = await relay.api.get(`/api/connections/${relay.connectionId}/deliveries`);
      const logged = (list as { data: Logged[] }).data;
      const fannedOut = replies.every(({ message }) =>
        logged.some((delivery) => delivery.messageId === message.id),
      );
      return fannedOut && logged;
    },
    { what: 'the deliveries of every reply' },
  );
  return log
    .filter((delivery) => delivery.subscriptionId === subscriptionId)
    .map(({ messageId }) => messageId ?? '');
}

describe('New AI Response filters', () => {
  it("with a User ID, starts the Zap only for that user's replies", async () => {
    const subscribeData = await appTester(performSubscribe, {
      authData: relay.authData,
      inputData: { connectionId: relay.connectionId, userId: 'vip' },
      targetUrl: hooks.url('vip'),
    });
    const others = await send('Anyone there?', 'someone-else');
    const vip = await send('VIP here', 'vip');

    const delivery = await hooks.received('vip');
    const items = await appTester(perform, {
      rawRequest: handedOver(delivery),
      subscribeData,
    });

    expect(items).toEqual([expect.objectContaining({ id: vip.message.id, userId: 'vip' })]);
    expect(await repliesDeliveredTo(subscribeData.id, [others, vip])).toEqual([vip.message.id]);
  });

  it('with Metadata, starts the Zap only for replies whose metadata has every pair', async () => {
    const subscribeData = await appTester(performSubscribe, {
      authData: relay.authData,
      inputData: { connectionId: relay.connectionId, metadata: { plan: 'pro', seats: '2' } },
      targetUrl: hooks.url('pro'),
    });

    const pro = await send('Pro question', 'meta-user-1', { plan: 'pro', seats: 2 });
    const free = await send('Free question', 'meta-user-2', { plan: 'free', seats: 2 });
    const partly = await send('Pro, seats unknown', 'meta-user-3', { plan: 'pro' });
    await hooks.received('pro');

    expect(await hooks.subscriptions()).toContainEqual(
      expect.objectContaining({
        id: subscribeData.id,
        filter: { metadata: { plan: 'pro', seats: '2' } },
      }),
    );
    expect(await repliesDeliveredTo(subscribeData.id, [pro, free, partly])).toEqual([
      pro.message.id,
    ]);
  });
});
