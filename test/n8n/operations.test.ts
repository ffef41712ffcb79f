import { FourthChat } from '../../n8n-nodes/nodes/FourthChat/FourthChat.node';
import { executeContext, loadOptionsContext } from './support/contexts';
import { CONNECTION_ID, connectionById } from './support/payloads';
import { installNock, relay } from './support/relay';

installNock();

const node = new FourthChat();

describe('FourthChat → Conversation → Get', () => {
  it('returns the conversation with its messages', async () => {
    const conversation = {
      id: 'conv/1',
      connectionId: CONNECTION_ID,
      createdAt: '2024-01-15T10:29:59Z',
      messages: [
        {
          id: 'm1',
          role: 'user',
          content: 'Hi',
          status: 'completed',
          createdAt: '2024-01-15T10:30:00Z',
        },
      ],
    };
    const scope = relay().get('/api/conversations/conv%2F1').reply(200, conversation);
    const context = executeContext({
      parameters: { resource: 'conversation', operation: 'get', conversationId: 'conv/1' },
    });
    await expect(node.execute.call(context.asN8n)).resolves.toEqual([
      [{ json: conversation, pairedItem: { item: 0 } }],
    ]);
    scope.done();
  });
});

describe('FourthChat → Connection → Test', () => {
  it('asks the relay to send the test payload and returns the outcome', async () => {
    const outcome = {
      ok: true,
      status: 200,
      durationMs: 42,
      subscriptions: [{ id: 'sub_1', ok: false, status: 500, durationMs: 12, error: 'HTTP 500' }],
    };
    const scope = relay().post(`/api/connections/${CONNECTION_ID}/test`).reply(200, outcome);
    const context = executeContext({
      parameters: { resource: 'connection', operation: 'test', connectionId: connectionById },
    });
    await expect(node.execute.call(context.asN8n)).resolves.toEqual([
      [{ json: outcome, pairedItem: { item: 0 } }],
    ]);
    scope.done();
  });

  it('accepts a connection picked from the list', async () => {
    const scope = relay()
      .post('/api/connections/conn_9/test')
      .reply(200, { ok: true, subscriptions: [] });
    const context = executeContext({
      parameters: {
        resource: 'connection',
        operation: 'test',
        connectionId: { __rl: true, mode: 'list', value: 'conn_9' },
      },
    });
    await node.execute.call(context.asN8n);
    scope.done();
  });
});

describe('FourthChat connection list', () => {
  const connections = {
    data: [
      { id: 'conn_1', name: 'Support CRM' },
      { id: 'conn_2', name: 'Mobile app' },
    ],
  };

  it('lists the workspace connections by name', async () => {
    const scope = relay().get('/api/connections').reply(200, connections);
    const result = await node.methods.listSearch.searchConnections.call(loadOptionsContext().asN8n);
    expect(result).toEqual({
      results: [
        { name: 'Support CRM', value: 'conn_1' },
        { name: 'Mobile app', value: 'conn_2' },
      ],
    });
    scope.done();
  });

  it('filters by name, case-insensitively', async () => {
    const scope = relay().get('/api/connections').reply(200, connections);
    const result = await node.methods.listSearch.searchConnections.call(
      loadOptionsContext().asN8n,
      'MOBILE',
    );
    expect(result.results).toEqual([{ name: 'Mobile app', value: 'conn_2' }]);
    scope.done();
  });
});

describe('FourthChat node description', () => {
  it('is usable as an AI tool and offers the three operations', () => {
    const { description } = node;
    expect(description.usableAsTool).toBe(true);
    const operations = description.properties
      .filter((property) => property.name === 'operation')
      .flatMap((property) =>
        (property.options ?? []).map((option) => 'value' in option && option.value),
      );
    expect(operations).toEqual(['send', 'get', 'test']);
  });
});
