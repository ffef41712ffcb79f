import { useScriptedRelay } from './support/setup';
import { actionNode, CONTINUE_ON_FAIL, sendMessageNode } from './support/nodes';
import type { ScriptedAnswer } from './support/scripted-relay';

// How relay errors read in n8n: a loopback server answers as the relay (or a proxy) would.
const harness = useScriptedRelay();
const relay = () => harness.relay;
const host = () => harness.host;

const relayError = (code: string, message: string) => ({ error: { code, message } });

/** Two items asking for conversations `conv_a` and `conv_b`; `answers` by conversation. */
async function getTwoConversations(answers: Record<string, ScriptedAnswer>, extra = {}) {
  relay().answer((request) => answers[request.path.split('/').at(-1) ?? ''] ?? { status: 500 });
  const items = [{ json: { id: 'conv_a' } }, { json: { id: 'conv_b' } }];
  return await host().executions.execute(
    actionNode(
      { resource: 'conversation', operation: 'get', conversationId: '={{ $json.id }}' },
      extra,
    ),
    { items },
  );
}

const found = (id: string): ScriptedAnswer => ({ status: 200, body: { id, messages: [] } });

describe('FourthChat error handling', () => {
  it('says a 401 is about the API key and names the item', async () => {
    const execution = await getTwoConversations({
      conv_a: found('conv_a'),
      conv_b: { status: 401, body: relayError('unauthorized', 'unknown API key') },
    });
    expect(execution.error).toMatchObject({
      name: 'NodeApiError',
      message: 'FourthChat rejected the API key',
      description: expect.stringContaining('unknown API key'),
      httpCode: '401',
      context: { itemIndex: 1 },
    });
  });

  it('says a 404 is about the ID and the workspace', async () => {
    const execution = await getTwoConversations({
      conv_a: { status: 404, body: relayError('not_found', 'conversation conv_a not found') },
    });
    expect(execution.error).toMatchObject({
      message: 'Not found in this FourthChat workspace: conversation conv_a not found',
      description: expect.stringContaining('only sees its own workspace'),
      httpCode: '404',
      context: { itemIndex: 0 },
    });
  });

  it('says a 429 is a rate limit and passes on Retry-After', async () => {
    const execution = await getTwoConversations({
      conv_a: {
        status: 429,
        body: relayError('rate_limited', 'slow down'),
        headers: { 'Retry-After': '7' },
      },
    });
    expect(execution.error).toMatchObject({
      message: 'FourthChat rate limit reached',
      description: expect.stringContaining('Retry after 7 s'),
      httpCode: '429',
    });
  });

  it('says a 424 means the chatbot could not reply', async () => {
    relay().answer(() => ({
      status: 424,
      body: relayError('reply_failed', 'the AI provider timed out'),
    }));
    const execution = await host().executions.execute(sendMessageNode('conn_1'));
    expect(execution.error).toMatchObject({
      message: 'The chatbot could not generate a reply',
      description: expect.stringContaining('the AI provider timed out'),
      httpCode: '424',
    });
  });

  it('reports other relay errors with their code', async () => {
    const execution = await getTwoConversations({
      conv_a: { status: 503, body: relayError('store_unavailable', 'database unreachable') },
    });
    expect(execution.error).toMatchObject({
      message: 'FourthChat request failed (store_unavailable): database unreachable',
      httpCode: '503',
    });
  });

  it('fails on an answer that is not the documented one', async () => {
    relay().answer(() => ({ status: 200, body: { hello: 'world' } }));
    const execution = await host().executions.execute(sendMessageNode('conn_1'));
    expect(execution.error).toMatchObject({
      message: 'The FourthChat relay answered with an unexpected body',
    });
  });

  it('says when the relay cannot be reached', async () => {
    host().credentials = { baseUrl: 'http://127.0.0.1:9', apiKey: 'fck_x' };
    const execution = await getTwoConversations({});
    expect(execution.error).toMatchObject({
      name: 'NodeOperationError',
      message: 'Could not reach the FourthChat relay at http://127.0.0.1:9',
      context: { itemIndex: 0 },
    });
  });

  it('with Continue On Fail, turns a failed item into an error item and goes on', async () => {
    const execution = await getTwoConversations(
      {
        conv_a: { status: 404, body: relayError('not_found', 'conversation conv_a not found') },
        conv_b: found('conv_b'),
      },
      CONTINUE_ON_FAIL,
    );
    expect(execution.outputs).toEqual([
      [
        {
          json: {
            error: 'Not found in this FourthChat workspace: conversation conv_a not found',
            description: expect.stringContaining('Check the ID'),
          },
          pairedItem: { item: 0 },
        },
        { json: { id: 'conv_b', messages: [] }, pairedItem: { item: 1 } },
      ],
    ]);
  });
});
