import { FourthChat } from '../../n8n-nodes/nodes/FourthChat/FourthChat.node';
import { deriveIdempotencyKey } from '../../n8n-nodes/nodes/FourthChat/resources/message/idempotencyKey';
import { CREDENTIALS, executeContext, type ExecuteOptions } from './support/contexts';
import {
  acceptedMessage,
  CONNECTION_ID,
  connectionById,
  outgoingPayload,
} from './support/payloads';
import { installNock, relay } from './support/relay';

installNock();

const node = new FourthChat();

function sendMessage(options: ExecuteOptions) {
  const context = executeContext({
    ...options,
    parameters: {
      resource: 'message',
      operation: 'send',
      connectionId: connectionById,
      message: 'Hello, I need help!',
      ...options.parameters,
    },
  });
  return node.execute.call(context.asN8n);
}

describe('FourthChat → Message → Send', () => {
  it('waits for the reply and returns it, paired with its item', async () => {
    const reply = outgoingPayload();
    const scope = relay()
      .post('/api/webhooks/incoming', {
        connectionId: CONNECTION_ID,
        message: 'Hello, I need help!',
        userId: 'user-123',
        metadata: { name: 'John Doe', vip: true },
      })
      .query({ wait: 'true', timeoutMs: '10000' })
      .matchHeader('authorization', `Bearer ${CREDENTIALS.apiKey}`)
      .matchHeader('idempotency-key', deriveIdempotencyKey('execution-1', 'FourthChat', 0))
      .reply(200, reply);
    const output = await sendMessage({
      parameters: {
        userId: 'user-123',
        timeoutSeconds: 10,
        metadata: {
          entries: [
            { key: 'name', value: 'John Doe' },
            { key: 'vip', value: true },
            { key: '  ', value: 'ignored' },
          ],
        },
      },
    });
    expect(output).toEqual([[{ json: reply, pairedItem: { item: 0 } }]]);
    scope.done();
  });

  it('returns the accepted ids at once when not waiting', async () => {
    const scope = relay()
      .post('/api/webhooks/incoming', {
        connectionId: CONNECTION_ID,
        message: 'Hello, I need help!',
      })
      .query((query) => Object.keys(query).length === 0)
      .reply(202, acceptedMessage());
    const output = await sendMessage({ parameters: { waitForReply: false } });
    expect(output).toEqual([[{ json: acceptedMessage(), pairedItem: { item: 0 } }]]);
    scope.done();
  });

  it('returns the accepted ids when the reply is not ready within the wait', async () => {
    const scope = relay()
      .post('/api/webhooks/incoming')
      .query({ wait: 'true', timeoutMs: '25000' })
      .reply(202, acceptedMessage());
    const output = await sendMessage({});
    expect(output[0]?.[0]?.json).toEqual(acceptedMessage());
    scope.done();
  });

  it('sends one request per item, each with its own message and pairing', async () => {
    const scope = relay()
      .post('/api/webhooks/incoming', (body: { message: string }) => body.message === 'first')
      .query(true)
      .reply(200, outgoingPayload({ conversationId: 'conv_a' }))
      .post('/api/webhooks/incoming', (body: { message: string }) => body.message === 'second')
      .query(true)
      .reply(200, outgoingPayload({ conversationId: 'conv_b' }));
    const output = await sendMessage({
      items: [{ json: {} }, { json: {} }],
      itemParameters: [{ message: 'first' }, { message: 'second' }],
    });
    expect(output[0]?.map((item) => [item.json.conversationId, item.pairedItem])).toEqual([
      ['conv_a', { item: 0 }],
      ['conv_b', { item: 1 }],
    ]);
    scope.done();
  });

  it('derives the same idempotency key when the execution repeats the item', async () => {
    const keys: string[] = [];
    const scope = relay()
      .post('/api/webhooks/incoming')
      .query(true)
      .times(3)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [200, outgoingPayload()];
      });
    await sendMessage({ executionId: '41' });
    await sendMessage({ executionId: '41' });
    await sendMessage({ executionId: '42' });
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[0]).toMatch(/^n8n-[0-9a-f]{40}$/);
    scope.done();
  });

  it('derives different keys for different items and nodes', () => {
    const key = deriveIdempotencyKey('7', 'FourthChat', 0);
    expect(deriveIdempotencyKey('7', 'FourthChat', 1)).not.toBe(key);
    expect(deriveIdempotencyKey('7', 'FourthChat1', 0)).not.toBe(key);
    expect(deriveIdempotencyKey('7', 'FourthChat', 0)).toBe(key);
  });

  it('uses the idempotency key given as an option', async () => {
    const scope = relay()
      .post('/api/webhooks/incoming')
      .query(true)
      .matchHeader('idempotency-key', 'order-1234')
      .reply(200, outgoingPayload());
    await sendMessage({ parameters: { options: { idempotencyKey: 'order-1234' } } });
    scope.done();
  });

  it('refuses an empty message without calling the relay', async () => {
    await expect(sendMessage({ parameters: { message: '   ' } })).rejects.toMatchObject({
      message: '"Message" is empty',
      context: { itemIndex: 0 },
    });
  });

  it('refuses a timeout that is not a positive number', async () => {
    await expect(sendMessage({ parameters: { timeoutSeconds: 0 } })).rejects.toMatchObject({
      message: '"Timeout (Seconds)" must be a positive number',
    });
  });

  it('fails on an answer that is neither a reply nor an acceptance', async () => {
    const scope = relay().post('/api/webhooks/incoming').query(true).reply(200, { hello: 'world' });
    await expect(sendMessage({})).rejects.toMatchObject({
      message: 'The FourthChat relay answered with an unexpected body',
    });
    scope.done();
  });
});
