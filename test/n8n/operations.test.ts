import { LoadOptionsContext } from 'n8n-core';
import type { Conversation, OutgoingPayload } from '../../n8n-nodes/shared';
import { FourthChat } from '../../n8n-nodes/nodes/FourthChat/FourthChat.node';
import { additionalData } from './support/additional-data';
import { useRelay } from './support/setup';
import { actionNode, byId, sendMessageNode } from './support/nodes';
import { oneNodeWorkflow } from './support/workflow';

// Conversation → Get, Connection → Test and the connection list, against a real relay.
const harness = useRelay();
const relay = () => harness.relay;
const host = () => harness.host;

describe('FourthChat → Conversation → Get', () => {
  it('returns the conversation with its messages', async () => {
    const sent = await host().executions.execute(
      sendMessageNode(relay().connectionId, { message: 'Hi' }),
    );
    const reply = sent.json[0] as OutgoingPayload;
    const execution = await host().executions.execute(
      actionNode({ resource: 'conversation', operation: 'get', conversationId: '={{ $json.id }}' }),
      { items: [{ json: { id: reply.conversationId } }] },
    );
    const [conversation] = execution.json as Conversation[];
    expect(conversation?.id).toBe(reply.conversationId);
    expect(conversation?.messages.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: '[echo] Hi' },
    ]);
  });
});

describe('FourthChat → Connection → Test', () => {
  it('has the relay send the test payload, and returns the outcome', async () => {
    const execution = await host().executions.execute(
      actionNode({
        resource: 'connection',
        operation: 'test',
        connectionId: byId(relay().connectionId),
      }),
    );
    expect(execution.json).toEqual([expect.objectContaining({ ok: true, status: 200 })]);
    const received = relay().webhook.requests.map(
      (request) => JSON.parse(request.body) as { test?: boolean },
    );
    expect(received).toContainEqual(expect.objectContaining({ test: true }));
  });

  it('accepts a connection picked from the list', async () => {
    const execution = await host().executions.execute(
      actionNode({
        resource: 'connection',
        operation: 'test',
        connectionId: { __rl: true, mode: 'list', value: relay().connectionId },
      }),
    );
    expect(execution.json).toEqual([expect.objectContaining({ ok: true })]);
  });
});

describe('FourthChat connection list', () => {
  beforeAll(async () => {
    const chatbot = await relay().api.post<{ id: string }>('/api/chatbots', { name: 'second bot' });
    await relay().api.post(`/api/chatbots/${chatbot.id}/connections`, {
      name: 'Mobile app',
      webhookUrl: relay().webhook.url,
    });
  });

  async function search(filter?: string) {
    const node = actionNode({ resource: 'message', operation: 'send' });
    const { workflow } = oneNodeWorkflow(node);
    const context = new LoadOptionsContext(
      workflow,
      node,
      additionalData({ credentials: () => relay().credentials, urls: host().urls }),
      'connectionId',
    );
    return await new FourthChat().methods.listSearch.searchConnections.call(context, filter);
  }

  it('lists the workspace connections by name', async () => {
    const { results } = await search();
    expect(results).toEqual(
      expect.arrayContaining([
        { name: 'n8n unit tests', value: relay().connectionId },
        { name: 'Mobile app', value: expect.any(String) },
      ]),
    );
  });

  it('filters by name, case-insensitively', async () => {
    expect((await search('MOBILE')).results).toEqual([
      { name: 'Mobile app', value: expect.any(String) },
    ]);
  });
});

describe('FourthChat node description', () => {
  it('is usable as an AI tool and offers the three operations', () => {
    const { description } = new FourthChat();
    expect(description.usableAsTool).toBe(true);
    const operations = description.properties
      .filter((property) => property.name === 'operation')
      .flatMap((property) =>
        (property.options ?? []).map((option) => 'value' in option && option.value),
      );
    expect(operations).toEqual(['send', 'get', 'test']);
  });
});
