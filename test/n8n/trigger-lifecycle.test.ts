import type { Subscription } from '../../n8n-nodes/shared';
import { useRelay } from './support/setup';
import { triggerNode } from './support/nodes';
import type { PublishedTrigger } from './support/triggers';

// Publishing and unpublishing a trigger (n8n-core's HookContext) against a real relay.
const harness = useRelay();
const relay = () => harness.relay;
const host = () => harness.host;

async function listed(trigger: PublishedTrigger): Promise<Subscription | undefined> {
  const { data } = await relay().api.get<{ data: Subscription[] }>(
    `/api/connections/${relay().connectionId}/subscriptions`,
  );
  return data.find((subscription) => subscription.targetUrl === trigger.webhookUrl);
}

/** The subscription removed on the relay (its page's Delete), behind the trigger's back. */
async function removeOnRelay(trigger: PublishedTrigger): Promise<void> {
  const id = String(trigger.staticData.subscriptionId);
  await relay().api.call('DELETE', `/api/subscriptions/${id}?remove=true`);
}

function triggerWith(parameters = {}, version = 2): PublishedTrigger {
  return host().trigger(triggerNode(relay().connectionId, parameters, version));
}

describe('FourthChat Trigger publishing', () => {
  it('subscribes its webhook URL for AI replies, unfiltered, held while unpublished', async () => {
    const trigger = triggerWith();
    await expect(trigger.hook('checkExists')).resolves.toBe(false);
    await trigger.publish();
    expect(await listed(trigger)).toMatchObject({
      id: trigger.staticData.subscriptionId,
      events: ['ai.response'],
      filter: {},
      whileUnpublished: 'hold',
      paused: false,
    });
    expect(trigger.staticData.secret).toMatch(/^whsec_/);
  });

  it('keeps a subscription the relay lists as wanted (n8n restarting with the workflow published)', async () => {
    const trigger = triggerWith();
    await trigger.publish();
    const saved = { ...trigger.staticData };
    await expect(trigger.hook('checkExists')).resolves.toBe(true);
    await trigger.publish();
    expect(trigger.staticData).toEqual(saved);
  });

  it('subscribes the chosen events, filter and While Unpublished', async () => {
    const trigger = triggerWith({
      events: ['ai.response', 'message.failed'],
      filters: {
        userId: 'user-42',
        metadata: {
          entries: [
            { key: 'plan', value: 'pro' },
            { key: 'seats', value: '={{ 3 }}' },
          ],
        },
      },
      options: { whileUnpublished: 'drop' },
    });
    await trigger.publish();
    expect(await listed(trigger)).toMatchObject({
      events: expect.arrayContaining(['ai.response', 'message.failed']),
      filter: { userId: 'user-42', metadata: { plan: 'pro', seats: '3' } },
      whileUnpublished: 'drop',
    });
  });

  it('subscribes the same URL again when the events change, keeping the subscription', async () => {
    const first = triggerWith({ events: ['ai.response'] });
    await first.publish();
    const id = first.staticData.subscriptionId;
    // The same node (same webhook id) saved with other events, published again.
    const changed = host().trigger({
      ...first.node,
      parameters: { ...first.node.parameters, events: ['delivery.failed'] },
    });
    Object.assign(changed.staticData, first.staticData);
    await expect(changed.hook('checkExists')).resolves.toBe(false);
    await changed.publish();
    expect(await listed(changed)).toMatchObject({ id, events: ['delivery.failed'] });
  });

  it('subscribes again when the relay no longer has the subscription', async () => {
    const trigger = triggerWith();
    await trigger.publish();
    await removeOnRelay(trigger);
    const { secret } = trigger.staticData;
    await expect(trigger.hook('checkExists')).resolves.toBe(false);
    expect(trigger.staticData).toEqual({ secret });
    await trigger.publish();
    expect(await listed(trigger)).toMatchObject({
      id: trigger.staticData.subscriptionId,
      paused: false,
    });
  });

  it('heals a paused subscription: publishing again (n8n back) resumes the same one', async () => {
    const trigger = triggerWith();
    await trigger.publish();
    const id = String(trigger.staticData.subscriptionId);
    await relay().api.call('PATCH', `/api/subscriptions/${id}`, { paused: true });
    expect(await listed(trigger)).toMatchObject({ id, paused: true });
    const { secret } = trigger.staticData;
    await expect(trigger.hook('checkExists')).resolves.toBe(false);
    await trigger.publish();
    expect(await listed(trigger)).toMatchObject({ id, paused: false });
    // The same secret: what the relay releases at once verifies with the secret n8n had saved.
    expect(trigger.staticData.secret).toBe(secret);
  });

  it('refuses to activate with an event it does not know, or with none', async () => {
    await expect(triggerWith({ events: ['order.created'] }).publish()).rejects.toMatchObject({
      message: '"Event" is not one this trigger knows: order.created',
    });
    await expect(triggerWith({ events: [] }).publish()).rejects.toMatchObject({
      message: 'No event is chosen',
    });
  });

  it('reports a connection that does not exist', async () => {
    const trigger = host().trigger(triggerNode('conn_does_not_exist'));
    await expect(trigger.publish()).rejects.toMatchObject({
      message: expect.stringMatching(/^Not found in this FourthChat workspace/),
    });
  });
});

describe('FourthChat Trigger unpublishing', () => {
  it('pauses the subscription with Hold Replies (the default), and publishing resumes it', async () => {
    const trigger = triggerWith();
    await trigger.publish();
    const { subscriptionId: id, secret } = trigger.staticData;
    await trigger.unpublish();
    expect(trigger.staticData).toEqual({ secret });
    expect(await listed(trigger)).toMatchObject({ id, paused: true });
    await trigger.publish();
    expect(trigger.staticData).toEqual({ subscriptionId: id, secret });
    expect(await listed(trigger)).toMatchObject({ id, paused: false });
  });

  it('removes the subscription with Drop Replies', async () => {
    const trigger = triggerWith({ options: { whileUnpublished: 'drop' } });
    await trigger.publish();
    await trigger.unpublish();
    expect(await listed(trigger)).toBeUndefined();
  });

  it('tolerates a subscription that is already gone', async () => {
    const trigger = triggerWith();
    await trigger.publish();
    await removeOnRelay(trigger);
    const { secret } = trigger.staticData;
    await expect(trigger.unpublish()).resolves.toBeUndefined();
    expect(trigger.staticData).toEqual({ secret });
  });

  it('keeps the saved subscription when the relay refuses the key, to try again', async () => {
    const trigger = triggerWith();
    await trigger.publish();
    const saved = { ...trigger.staticData };
    host().credentials = { ...relay().credentials, apiKey: 'fck_revoked_key_00000000000000' };
    await expect(trigger.unpublish()).rejects.toMatchObject({ httpCode: '401' });
    expect(trigger.staticData).toEqual(saved);
  });
});
