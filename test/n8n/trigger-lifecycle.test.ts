import type { IDataObject } from 'n8n-workflow';
import { FourthChatTrigger } from '../../n8n-nodes/nodes/FourthChatTrigger/FourthChatTrigger.node';
import { hookContext } from './support/contexts';
import { CONNECTION_ID, connectionById } from './support/payloads';
import { installNock, relay } from './support/relay';

installNock();

const { checkExists, create, delete: remove } = new FourthChatTrigger().webhookMethods.default;
const WEBHOOK_URL = 'https://n8n.test/webhook/5f2c/webhook';
const SUBSCRIPTIONS = `/api/connections/${CONNECTION_ID}/subscriptions`;

function hook(staticData: IDataObject = {}) {
  return hookContext({
    staticData,
    webhookUrl: WEBHOOK_URL,
    parameters: { connectionId: connectionById },
  });
}

function subscription(id: string, targetUrl: string) {
  return { id, connectionId: CONNECTION_ID, targetUrl, createdAt: '2024-01-15T10:30:00Z' };
}

describe('FourthChat Trigger activation', () => {
  it('checkExists is false without a saved subscription, without asking the relay', async () => {
    await expect(checkExists.call(hook().asN8n)).resolves.toBe(false);
  });

  it('checkExists is true when the relay still lists the saved subscription for this URL', async () => {
    const scope = relay()
      .get(SUBSCRIPTIONS)
      .reply(200, {
        data: [subscription('sub_0', 'https://elsewhere.test'), subscription('sub_1', WEBHOOK_URL)],
      });
    const context = hook({ subscriptionId: 'sub_1', secret: 'whsec_c2VjcmV0' });
    await expect(checkExists.call(context.asN8n)).resolves.toBe(true);
    expect(context.staticData).toEqual({ subscriptionId: 'sub_1', secret: 'whsec_c2VjcmV0' });
    scope.done();
  });

  it('checkExists forgets a subscription the relay no longer has, so create runs', async () => {
    const scope = relay()
      .get(SUBSCRIPTIONS)
      .reply(200, { data: [subscription('sub_2', WEBHOOK_URL)] });
    const context = hook({ subscriptionId: 'sub_1', secret: 'whsec_c2VjcmV0' });
    await expect(checkExists.call(context.asN8n)).resolves.toBe(false);
    expect(context.staticData).toEqual({});
    scope.done();
  });

  it('create subscribes the webhook URL and keeps the id and secret', async () => {
    const scope = relay()
      .post(SUBSCRIPTIONS, { targetUrl: WEBHOOK_URL })
      .reply(201, { ...subscription('sub_1', WEBHOOK_URL), secret: 'whsec_bmV3' });
    const context = hook();
    await expect(create.call(context.asN8n)).resolves.toBe(true);
    expect(context.staticData).toEqual({ subscriptionId: 'sub_1', secret: 'whsec_bmV3' });
    scope.done();
  });

  it('create replaces a stale saved subscription with what the relay answers', async () => {
    const scope = relay()
      .post(SUBSCRIPTIONS, { targetUrl: WEBHOOK_URL })
      .reply(200, { ...subscription('sub_1', WEBHOOK_URL), secret: 'whsec_cm90YXRlZA==' });
    const context = hook({ subscriptionId: 'sub_old', secret: 'whsec_b2xk' });
    await create.call(context.asN8n);
    expect(context.staticData).toEqual({ subscriptionId: 'sub_1', secret: 'whsec_cm90YXRlZA==' });
    scope.done();
  });

  it('create fails clearly when the relay answers without a secret', async () => {
    const scope = relay().post(SUBSCRIPTIONS).reply(201, subscription('sub_1', WEBHOOK_URL));
    await expect(create.call(hook().asN8n)).rejects.toMatchObject({
      message: 'The FourthChat relay did not answer with the subscription and its secret',
    });
    scope.done();
  });

  it('create reports a connection that does not exist', async () => {
    const scope = relay()
      .post(SUBSCRIPTIONS)
      .reply(404, { error: { code: 'not_found', message: 'connection not found' } });
    await expect(create.call(hook().asN8n)).rejects.toMatchObject({
      message: 'Not found in this FourthChat workspace: connection not found',
    });
    scope.done();
  });
});

describe('FourthChat Trigger deactivation', () => {
  it('delete removes the subscription and forgets it', async () => {
    const scope = relay().delete('/api/subscriptions/sub_1').reply(204);
    const context = hook({ subscriptionId: 'sub_1', secret: 'whsec_c2VjcmV0' });
    await expect(remove.call(context.asN8n)).resolves.toBe(true);
    expect(context.staticData).toEqual({});
    scope.done();
  });

  it('delete tolerates a subscription that is already gone', async () => {
    const scope = relay()
      .delete('/api/subscriptions/sub_1')
      .reply(404, { error: { code: 'not_found', message: 'subscription not found' } });
    const context = hook({ subscriptionId: 'sub_1', secret: 'whsec_c2VjcmV0' });
    await expect(remove.call(context.asN8n)).resolves.toBe(true);
    expect(context.staticData).toEqual({});
    scope.done();
  });

  it('delete without a saved subscription asks nothing', async () => {
    await expect(remove.call(hook().asN8n)).resolves.toBe(true);
  });

  it('delete surfaces other failures and keeps the subscription to retry', async () => {
    const scope = relay()
      .delete('/api/subscriptions/sub_1')
      .reply(401, { error: { code: 'unauthorized', message: 'revoked key' } });
    const context = hook({ subscriptionId: 'sub_1', secret: 'whsec_c2VjcmV0' });
    await expect(remove.call(context.asN8n)).rejects.toMatchObject({ httpCode: '401' });
    expect(context.staticData).toEqual({ subscriptionId: 'sub_1', secret: 'whsec_c2VjcmV0' });
    scope.done();
  });
});
