// RELAY_AI_TIMEOUT_MS: read at start (default 60 s, a bad value stops the start naming it) and
// given to the AI call: an AI that never answers fails the reply once the SDK's tries of that
// length are used up. Needs relay/dist (npx tsc -b relay).
import { randomBytes } from 'node:crypto';
import { afterAll, expect, jest, test } from '@jest/globals';
import type { Conversation } from '@fourthchat/shared';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../../relay/src/config/config.js';
import { apiClient } from '../support/api-client.js';
import { startFakeOpenAi } from '../support/fake-openai.js';
import { testMongoUrl } from '../support/mongo.js';
import { startReceiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { startRelayProcess } from '../support/relay-process.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';

jest.setTimeout(scaledMs(60_000));

const database = `relay_ai_timeout_${randomBytes(6).toString('hex')}`;
afterAll(async () => {
  const mongo = await MongoClient.connect(testMongoUrl());
  await mongo.db(database).dropDatabase();
  await mongo.close();
});

const openAiConfig = (env: Record<string, string>) =>
  loadConfig({ OPENAI_API_KEY: 'sk-test', ...env }).ai;

test('the default is 60 seconds; a value is checked', () => {
  expect(openAiConfig({})).toEqual(expect.objectContaining({ timeoutMs: 60_000 }));
  expect(openAiConfig({ RELAY_AI_TIMEOUT_MS: '180000' })).toEqual(
    expect.objectContaining({ timeoutMs: 180_000 }),
  );
  for (const bad of ['0', '-5', 'a minute', '1.5', '3600001']) {
    expect(() => loadConfig({ RELAY_AI_TIMEOUT_MS: bad })).toThrow(/RELAY_AI_TIMEOUT_MS: /);
  }
});

test('a bad RELAY_AI_TIMEOUT_MS stops the start with a message naming it', async () => {
  await expect(
    startRelayProcess({ database, env: { RELAY_AI_TIMEOUT_MS: 'soon' } }),
  ).rejects.toThrow(/RELAY_AI_TIMEOUT_MS: /);
});

test('an AI that never answers fails the reply after the SDK tries of RELAY_AI_TIMEOUT_MS each', async () => {
  const ai = await startFakeOpenAi();
  const webhook = await startReceiver();
  ai.hold();
  const relay = await startRelayProcess({
    database,
    env: {
      AI_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: ai.baseUrl,
      RELAY_AI_TIMEOUT_MS: '300',
    },
  });
  try {
    const api = apiClient(relay.baseUrl, relay.apiKey);
    const { connectionId } = await createConnection({ api }, webhook.url);
    const sent = await api('/api/webhooks/incoming', {
      body: { connectionId, message: 'think hard' },
    });

    const failed = await waitFor(
      async () => {
        const got = (await api(`/api/conversations/${sent.body.conversationId}`))
          .body as Conversation;
        return got.messages[0]?.status === 'failed' ? got.messages[0] : undefined;
      },
      { timeoutMs: 20_000, what: 'the reply to fail' },
    );
    expect(failed.error).toMatch(/timed out/i);
    // Every try was cut at the timeout: the SDK retried (it makes 4 tries by default).
    expect(ai.received).toBeGreaterThan(1);
  } finally {
    ai.release();
    await relay.stop();
    await ai.close();
    await webhook.close();
  }
});
