// Get Conversation, Find Conversation and Find Reply against a real relay on the embedded store.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { perform as getConversation } from '../../zapier-app/src/creates/get-conversation/perform.js';
import { perform as findConversation } from '../../zapier-app/src/searches/find-conversation/perform.js';
import { perform as findReply } from '../../zapier-app/src/searches/find-reply/perform.js';
import { waitFor } from '../support/wait.js';
import { app, appTester } from './support/app.js';
import { errorFields, rejection } from './support/errors.js';
import { relayForZapierTests } from './support/relay.js';

const relay = relayForZapierTests();

/** Sends a message as a user (waiting for the reply unless `wait` is false); the relay's answer. */
async function send(message: string, userId: string, wait = true) {
  const answer = await relay.api.post(`/api/webhooks/incoming${wait ? '?wait=true' : ''}`, {
    connectionId: relay.connectionId,
    message,
    userId,
  });
  return answer as { conversationId: string; messageId?: string; message?: { id: string } };
}

/** Sends a message as a user and waits for its reply; the reply's conversation id. */
async function converse(message: string, userId: string): Promise<string> {
  return (await send(message, userId)).conversationId;
}

describe('Get Conversation', () => {
  let conversationId: string;

  beforeAll(async () => {
    conversationId = await converse('Hello, I need help!', 'get-user');
    await converse('Where is my order?', 'get-user');
  });

  it('is an action with a conversation id input, a sample and flattened output fields', () => {
    const { operation } = app.creates.getConversation;
    expect(operation.inputFields).toEqual([
      expect.objectContaining({ key: 'conversationId', required: true }),
    ]);
    expect(operation.sample).toMatchObject({ messageCount: 2, lastMessage: { role: 'assistant' } });
    const keys = operation.outputFields?.map((field) => 'key' in field && field.key);
    expect(keys).toEqual(expect.arrayContaining(['transcript', 'messages[]content']));
  });

  it('gives the messages oldest first, their count, the last one and the exchange as text', async () => {
    const item = await appTester(getConversation, {
      authData: relay.authData,
      inputData: { conversationId },
    });

    expect(item).toMatchObject({
      id: conversationId,
      connectionId: relay.connectionId,
      userId: 'get-user',
      messageCount: 4,
      lastMessage: { role: 'assistant', content: '[ai] Where is my order?' },
      transcript: [
        'User: Hello, I need help!',
        'Assistant: [ai] Hello, I need help!',
        'User: Where is my order?',
        'Assistant: [ai] Where is my order?',
      ].join('\n\n'),
    });
    expect(item.messages.map(({ role }) => role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  it('fails with the relay message for an unknown conversation', async () => {
    const error = await rejection(
      appTester(getConversation, {
        authData: relay.authData,
        inputData: { conversationId: 'conv_unknown' },
      }),
    );

    expect(errorFields(error)).toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('Find Conversation', () => {
  const find = (userId: string, connectionId = relay.connectionId) =>
    appTester(findConversation, { authData: relay.authData, inputData: { connectionId, userId } });

  it("finds the user's conversation on the connection, with its messages", async () => {
    const conversationId = await converse('Hi, it is Ann', 'find-ann');

    const found = await find('find-ann');

    expect(found).toEqual([
      expect.objectContaining({
        id: conversationId,
        userId: 'find-ann',
        messageCount: 2,
        transcript: 'User: Hi, it is Ann\n\nAssistant: [ai] Hi, it is Ann',
      }),
    ]);
  });

  it('finds nothing for a user who has not written', async () => {
    expect(await find('find-nobody')).toEqual([]);
  });

  it('fails with the relay message for an unknown connection', async () => {
    const error = await rejection(find('find-ann', 'conn_unknown'));

    expect(errorFields(error)).toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('Find Reply', () => {
  const find = (messageId: string) =>
    appTester(findReply, { authData: relay.authData, inputData: { messageId } });

  it('tells a pending message, then finds its reply once it exists', async () => {
    relay.ai.hold();
    const { messageId = '', conversationId } = await send('Take your time', 'reply-user', false);
    try {
      expect(await find(messageId)).toEqual([
        {
          id: messageId,
          messageId,
          status: 'pending',
          connectionId: relay.connectionId,
          conversationId,
          userId: 'reply-user',
        },
      ]);
    } finally {
      relay.ai.release();
    }

    const [found] = await waitFor(
      async () => {
        const items = await find(messageId);
        return items[0]?.status === 'replied' && items;
      },
      { what: 'the reply to be found' },
    );

    expect(found).toMatchObject({
      id: messageId,
      messageId,
      status: 'replied',
      conversationId,
      message: { role: 'assistant', content: '[ai] Take your time' },
      timestamp: expect.any(String),
    });
  });

  it('finds nothing for an unknown message id', async () => {
    expect(await find('msg_unknown')).toEqual([]);
  });
});
