import { FourthChat } from '../../n8n-nodes/nodes/FourthChat/FourthChat.node';
import { executeContext } from './support/contexts';
import { connectionById, outgoingPayload } from './support/payloads';
import { installNock, relay } from './support/relay';

installNock();

const node = new FourthChat();

/** Two items asking for conversations `conv_a` and `conv_b`. */
function getTwoConversations(continueOnFail = false) {
  const context = executeContext({
    continueOnFail,
    items: [{ json: {} }, { json: {} }],
    parameters: { resource: 'conversation', operation: 'get' },
    itemParameters: [{ conversationId: 'conv_a' }, { conversationId: 'conv_b' }],
  });
  return node.execute.call(context.asN8n);
}

function relayError(code: string, message: string) {
  return { error: { code, message } };
}

describe('FourthChat error handling', () => {
  it('says a 401 is about the API key and names the item', async () => {
    const scope = relay()
      .get('/api/conversations/conv_a')
      .reply(200, { id: 'conv_a', messages: [] })
      .get('/api/conversations/conv_b')
      .reply(401, relayError('unauthorized', 'unknown API key'));
    await expect(getTwoConversations()).rejects.toMatchObject({
      name: 'NodeApiError',
      message: 'FourthChat rejected the API key',
      description: expect.stringContaining('unknown API key'),
      httpCode: '401',
      context: { itemIndex: 1 },
    });
    scope.done();
  });

  it('says a 404 is about the ID and the workspace', async () => {
    const scope = relay()
      .get('/api/conversations/conv_a')
      .reply(404, relayError('not_found', 'conversation conv_a not found'));
    await expect(getTwoConversations()).rejects.toMatchObject({
      message: 'Not found in this FourthChat workspace: conversation conv_a not found',
      description: expect.stringContaining('only sees its own workspace'),
      httpCode: '404',
      context: { itemIndex: 0 },
    });
    scope.done();
  });

  it('says a 429 is a rate limit and passes on Retry-After', async () => {
    const scope = relay()
      .get('/api/conversations/conv_a')
      .reply(429, relayError('rate_limited', 'slow down'), { 'Retry-After': '7' });
    await expect(getTwoConversations()).rejects.toMatchObject({
      message: 'FourthChat rate limit reached',
      description: expect.stringContaining('Retry after 7 s'),
      httpCode: '429',
    });
    scope.done();
  });

  it('says a 424 means the chatbot could not reply', async () => {
    const scope = relay()
      .post('/api/webhooks/incoming')
      .query(true)
      .reply(424, relayError('reply_failed', 'the AI provider timed out'));
    const context = executeContext({
      parameters: {
        resource: 'message',
        operation: 'send',
        connectionId: connectionById,
        message: 'hi',
      },
    });
    await expect(node.execute.call(context.asN8n)).rejects.toMatchObject({
      message: 'The chatbot could not generate a reply',
      description: expect.stringContaining('the AI provider timed out'),
      httpCode: '424',
    });
    scope.done();
  });

  it('reports other relay errors with their code', async () => {
    const scope = relay()
      .get('/api/conversations/conv_a')
      .reply(503, relayError('store_unavailable', 'database unreachable'));
    await expect(getTwoConversations()).rejects.toMatchObject({
      message: 'FourthChat request failed (store_unavailable): database unreachable',
      httpCode: '503',
    });
    scope.done();
  });

  it('says when the relay cannot be reached', async () => {
    const scope = relay().get('/api/conversations/conv_a').replyWithError('connect ECONNREFUSED');
    await expect(getTwoConversations()).rejects.toMatchObject({
      name: 'NodeOperationError',
      message: 'Could not reach the FourthChat relay at https://relay.test',
      context: { itemIndex: 0 },
    });
    scope.done();
  });

  it('with Continue On Fail, turns a failed item into an error item and goes on', async () => {
    const conversation = {
      id: 'conv_b',
      connectionId: 'conn_1',
      messages: [outgoingPayload().message],
    };
    const scope = relay()
      .get('/api/conversations/conv_a')
      .reply(404, relayError('not_found', 'conversation conv_a not found'))
      .get('/api/conversations/conv_b')
      .reply(200, conversation);
    const output = await getTwoConversations(true);
    expect(output).toEqual([
      [
        {
          json: {
            error: 'Not found in this FourthChat workspace: conversation conv_a not found',
            description: expect.stringContaining('Check the ID'),
          },
          pairedItem: { item: 0 },
        },
        { json: conversation, pairedItem: { item: 1 } },
      ],
    ]);
    scope.done();
  });
});
