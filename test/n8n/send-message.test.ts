import { FourthChat } from '../../n8n-nodes/nodes/FourthChat/FourthChat.node';
import { deriveIdempotencyKey } from '../../n8n-nodes/nodes/FourthChat/resources/message/idempotencyKey';
import { MESSAGE_MAX_LENGTH } from '../../n8n-nodes/shared';
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

/** The relay answering `times` sends, and the Idempotency-Key of each. */
function keysSent(times: number) {
  const keys: string[] = [];
  const scope = relay()
    .post('/api/webhooks/incoming')
    .query(true)
    .times(times)
    .reply(function () {
      keys.push(String(this.req.headers['idempotency-key']));
      return [200, outgoingPayload()];
    });
  return { keys, scope };
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
      .matchHeader(
        'idempotency-key',
        deriveIdempotencyKey({
          executionId: 'execution-1',
          nodeName: 'FourthChat',
          runIndex: 0,
          itemIndex: 0,
        }),
      )
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

  it('fails the item when the reply is not ready within the wait, naming the accepted ids', async () => {
    const scope = relay()
      .post('/api/webhooks/incoming')
      .query({ wait: 'true', timeoutMs: '25000' })
      .reply(202, acceptedMessage());
    await expect(sendMessage({})).rejects.toMatchObject({
      name: 'NodeOperationError',
      message: 'The AI reply was not ready within 25 seconds',
      description: expect.stringMatching(
        /connectionId conn_1, conversationId conv_1, messageId msg_1.*"On Timeout"/,
      ),
      context: { itemIndex: 0 },
    });
    scope.done();
  });

  it('returns the accepted ids on a timeout when "On Timeout" asks for them', async () => {
    const scope = relay()
      .post('/api/webhooks/incoming')
      .query({ wait: 'true', timeoutMs: '25000' })
      .reply(202, acceptedMessage());
    const output = await sendMessage({ parameters: { onTimeout: 'returnAccepted' } });
    expect(output).toEqual([[{ json: acceptedMessage(), pairedItem: { item: 0 } }]]);
    scope.done();
  });

  it('with Continue On Fail turns a timed-out item into an error item and goes on', async () => {
    const scope = relay()
      .post('/api/webhooks/incoming', (body: { message: string }) => body.message === 'slow')
      .query(true)
      .reply(202, acceptedMessage())
      .post('/api/webhooks/incoming', (body: { message: string }) => body.message === 'quick')
      .query(true)
      .reply(200, outgoingPayload());
    const output = await sendMessage({
      continueOnFail: true,
      items: [{ json: {} }, { json: {} }],
      itemParameters: [{ message: 'slow' }, { message: 'quick' }],
    });
    expect(output).toEqual([
      [
        {
          json: {
            error: 'The AI reply was not ready within 25 seconds',
            description: expect.stringContaining('conversationId conv_1, messageId msg_1'),
          },
          pairedItem: { item: 0 },
        },
        { json: outgoingPayload(), pairedItem: { item: 1 } },
      ],
    ]);
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
    const { keys, scope } = keysSent(3);
    await sendMessage({ executionId: '41' });
    await sendMessage({ executionId: '41' });
    await sendMessage({ executionId: '42' });
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[0]).toMatch(/^n8n-[0-9a-f]{40}$/);
    scope.done();
  });

  it('gives every run of the node its own keys, and a retry of the same run the same ones', async () => {
    const { keys, scope } = keysSent(3);
    // A loop (Loop Over Items) runs the node again in the same execution with the next run index;
    // "Retry On Fail" repeats a run with its own run index.
    await sendMessage({ executionId: '41', runIndex: 0 });
    await sendMessage({ executionId: '41', runIndex: 1 });
    await sendMessage({ executionId: '41', runIndex: 1 });
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe(keys[1]);
    scope.done();
  });

  it('derives different keys for different items, runs and nodes', () => {
    const run = { executionId: '7', nodeName: 'FourthChat', runIndex: 0, itemIndex: 0 };
    const key = deriveIdempotencyKey(run);
    expect(deriveIdempotencyKey({ ...run, itemIndex: 1 })).not.toBe(key);
    expect(deriveIdempotencyKey({ ...run, runIndex: 1 })).not.toBe(key);
    expect(deriveIdempotencyKey({ ...run, nodeName: 'FourthChat1' })).not.toBe(key);
    expect(deriveIdempotencyKey({ ...run, runIndex: 1, itemIndex: 0 })).not.toBe(
      deriveIdempotencyKey({ ...run, runIndex: 0, itemIndex: 1 }),
    );
    expect(deriveIdempotencyKey({ ...run })).toBe(key);
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

  it.each([
    ['spaces', '   '],
    ['non-breaking spaces and a newline', '\u00a0\u00a0\n'],
  ])('refuses a message of %s without calling the relay', async (_label, message) => {
    await expect(sendMessage({ parameters: { message } })).rejects.toMatchObject({
      message: '"Message" is empty',
      context: { itemIndex: 0 },
    });
  });

  it('refuses a message longer than the relay accepts without calling it', async () => {
    const message = 'x'.repeat(MESSAGE_MAX_LENGTH + 1);
    await expect(sendMessage({ parameters: { message } })).rejects.toMatchObject({
      message: '"Message" is too long',
      description: expect.stringContaining(`at most ${MESSAGE_MAX_LENGTH} characters`),
    });
  });

  it('sends a number that an expression produced as text', async () => {
    const scope = relay()
      .post('/api/webhooks/incoming', { connectionId: CONNECTION_ID, message: '42' })
      .query(true)
      .reply(200, outgoingPayload());
    await sendMessage({ parameters: { message: 42 } });
    scope.done();
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
