// Get Conversation against a real relay on the embedded store.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { perform as getConversation } from '../../zapier-app/src/creates/get-conversation/perform.js';
import { app, appTester } from './support/app.js';
import { errorFields, rejection } from './support/errors.js';
import { relayForZapierTests } from './support/relay.js';

const relay = relayForZapierTests();

/** Sends a message as a user and waits for its reply; the reply's conversation id. */
async function converse(message: string, userId: string): Promise<string> {
  const reply = await relay.api.post('/api/webhooks/incoming?wait=true', {
    connectionId: relay.connectionId,
    message,
    userId,
  });
  const conversationId = (reply as { conversationId?: unknown }).conversationId;
  if (typeof conversationId !== 'string') throw new Error(`no reply: ${JSON.stringify(reply)}`);
  return conversationId;
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
