// The Zapier side of the subscription lifecycle (docs/CONTRACT.md), against a real relay.
import { describe, expect, it } from '@jest/globals';
import { performUnsubscribe } from '../../zapier-app/src/triggers/hook/subscription.js';
import { hookSecret } from '../../zapier-app/src/triggers/hook/hook-secret.js';
import {
  RENEWAL_GRACE_SECONDS,
  SUBSCRIPTION_TTL_SECONDS,
} from '../../zapier-app/src/triggers/hook/lifetime.js';
import { perform } from '../../zapier-app/src/triggers/new-ai-response/perform.js';
import { performSubscribe } from '../../zapier-app/src/triggers/new-ai-response/subscription.js';
import { deliveryFailedHook } from '../../zapier-app/src/triggers/relay-event/delivery-failed.js';
import { waitFor } from '../support/wait.js';
import { appTester } from './support/app.js';
import { errorFields, rejection } from './support/errors.js';
import { hooksOf } from './support/hooks.js';
import { handedOver } from './support/raw-request.js';
import { startReceiver } from './support/receiver.js';
import { relayForZapierTests } from './support/relay.js';

const relay = relayForZapierTests();
const hooks = hooksOf(relay);
// The relay writes dates to the millisecond; a second of slack for the two clocks' reads.
const SLACK_MS = 1000;

const subscribe = (name: string, connectionId = relay.connectionId) =>
  appTester(performSubscribe, {
    authData: relay.authData,
    inputData: { connectionId },
    targetUrl: hooks.url(name),
  });

async function subscriptionOf(id: string) {
  const found = (await hooks.subscriptions()).find((subscription) => subscription.id === id);
  if (found === undefined) throw new Error(`no subscription ${id}`);
  return found;
}

describe('performSubscribe (a Zap turned on, or renewed by Zapier)', () => {
  it('subscribes for ten days, removed on unsubscribe, and has Zapier renew three days before', async () => {
    const startedAt = Date.now();
    const subscribeData = await subscribe('on');
    const endedAt = Date.now();

    const subscription = await subscriptionOf(subscribeData.id);
    expect(subscription).toMatchObject({
      targetUrl: hooks.url('on'),
      events: ['ai.response'],
      filter: {},
      whileUnpublished: 'drop',
      paused: false,
    });
    const relayExpiry = Date.parse(subscription.expiration_date ?? '');
    const ttlMs = SUBSCRIPTION_TTL_SECONDS * 1000;
    expect(relayExpiry).toBeGreaterThanOrEqual(startedAt + ttlMs - SLACK_MS);
    expect(relayExpiry).toBeLessThanOrEqual(endedAt + ttlMs + SLACK_MS);
    expect(subscribeData).toEqual({
      id: subscription.id,
      secret: hookSecret(relay.authData.apiKey, hooks.url('on')),
      expiration_date: new Date(relayExpiry - RENEWAL_GRACE_SECONDS * 1000).toISOString(),
    });
  });

  it('renews on resubscribe: the same subscription and secret, the expiry counted from now', async () => {
    const first = await subscribe('renewed');
    const renewedAt = Date.now();
    const second = await subscribe('renewed');

    expect(second.id).toBe(first.id);
    expect(second.secret).toBe(first.secret);
    const renewedExpiry = Date.parse(second.expiration_date ?? '');
    const renewAfterMs = (SUBSCRIPTION_TTL_SECONDS - RENEWAL_GRACE_SECONDS) * 1000;
    expect(renewedExpiry).toBeGreaterThanOrEqual(renewedAt + renewAfterMs - SLACK_MS);
    const renewed = (await hooks.subscriptions()).filter(({ id }) => id === first.id);
    expect(renewed).toHaveLength(1);
  });

  it('resumes a paused subscription on resubscribe and delivers the reply it held', async () => {
    const subscribeData = await subscribe('paused');
    await relay.api.patch(`/api/subscriptions/${subscribeData.id}`, { paused: true });
    const sent = await relay.api.post('/api/webhooks/incoming?wait=true', {
      connectionId: relay.connectionId,
      message: 'Sent while the Zap hook was paused',
      userId: 'paused-user',
    });
    await waitFor(
      async () => {
        const held = await relay.api.get(
          `/api/connections/${relay.connectionId}/deliveries?status=paused`,
        );
        return (held as { data: { subscriptionId?: string }[] }).data.some(
          ({ subscriptionId }) => subscriptionId === subscribeData.id,
        );
      },
      { what: 'the reply held for the paused subscription' },
    );
    expect(relay.receiver.received.some(({ path }) => path.includes('/paused/'))).toBe(false);

    const renewed = await subscribe('paused');
    const delivery = await hooks.received('paused');

    expect((await subscriptionOf(renewed.id)).paused).toBe(false);
    const items = await appTester(perform, {
      rawRequest: handedOver(delivery),
      subscribeData: renewed,
    });
    expect(items).toEqual([
      expect.objectContaining({
        message: expect.objectContaining({ content: '[ai] Sent while the Zap hook was paused' }),
        delivery: expect.objectContaining({ id: delivery.headers['webhook-id'], attempt: 1 }),
      }),
    ]);
    expect(sent).toMatchObject({ message: { id: items[0]?.id } });
  });

  it('ends ten concurrent subscribes of one hook URL as one subscription', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => subscribe('burst')));

    expect(new Set(answers.map(({ id }) => id)).size).toBe(1);
    expect(new Set(answers.map(({ secret }) => secret)).size).toBe(1);
    const burst = (await hooks.subscriptions()).filter(({ targetUrl }) =>
      targetUrl.includes('burst'),
    );
    expect(burst).toHaveLength(1);
  });

  it('subscribes an event trigger for its one event, unfiltered', async () => {
    const subscribeData = await appTester(deliveryFailedHook.performSubscribe, {
      authData: relay.authData,
      inputData: { connectionId: relay.connectionId },
      targetUrl: hooks.url('alerts'),
    });

    expect(await subscriptionOf(subscribeData.id)).toMatchObject({
      events: ['delivery.failed'],
      filter: {},
      whileUnpublished: 'drop',
    });
  });

  it('shows the relay message for an unknown connection, whatever its id holds', async () => {
    const error = await rejection(subscribe('unknown', 'conn_x/../other'));

    expect(errorFields(error)).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('refuses an answer that is not a subscription (a Relay URL that is not a relay)', async () => {
    const notARelay = await startReceiver();
    try {
      const error = await rejection(
        appTester(performSubscribe, {
          authData: { ...relay.authData, baseUrl: notARelay.url },
          inputData: { connectionId: relay.connectionId },
          targetUrl: hooks.url('elsewhere'),
        }),
      );

      expect(error.message).toContain('unexpected_response');
    } finally {
      await notARelay.close();
    }
  });
});

describe('performUnsubscribe (a Zap turned off)', () => {
  const unsubscribe = (subscribeData: { id: string; secret?: string }, authData = relay.authData) =>
    appTester(performUnsubscribe, { authData, subscribeData });

  it('removes the subscription: Zapier turns a Zap on again with a new hook URL', async () => {
    const subscribeData = await subscribe('off');

    await unsubscribe(subscribeData);

    expect((await hooks.subscriptions()).map(({ id }) => id)).not.toContain(subscribeData.id);
  });

  it('removes a subscription made before whileUnpublished existed (held by default)', async () => {
    const made = await relay.api.post(`/api/connections/${relay.connectionId}/subscriptions`, {
      targetUrl: hooks.url('older-app'),
    });
    const { id } = made as { id: string };

    await unsubscribe({ id, secret: 'whsec_b2xkZXItYXBwLXNlY3JldA==' });

    expect((await hooks.subscriptions()).map((subscription) => subscription.id)).not.toContain(id);
  });

  it('tolerates a subscription that is already gone', async () => {
    const subscribeData = await subscribe('twice');
    await unsubscribe(subscribeData);

    await expect(unsubscribe(subscribeData)).resolves.toEqual({});
  });

  it('asks the user to reconnect when the relay rejects the key', async () => {
    const subscribeData = await subscribe('rejected');

    const error = await rejection(
      unsubscribe(subscribeData, { ...relay.authData, apiKey: 'fck_revoked_key' }),
    );

    expect(error.name).toBe('ExpiredAuthError');
    expect((await subscriptionOf(subscribeData.id)).paused).toBe(false);
  });
});
