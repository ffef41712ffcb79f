// The MongoDB store maps its documents to the relay's model at its edge: documents written by
// older releases, without the fields added since, read as what their absence meant.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { openMongoStore, type MongoStore } from '../../relay/src/store/mongo/mongo-store.js';
import { testMongoUrl } from '../support/mongo.js';

let store: MongoStore;
const at = new Date('2025-06-01T00:00:00Z');

beforeAll(async () => {
  store = await openMongoStore(testMongoUrl(), {
    dbName: `legacy_${randomBytes(6).toString('hex')}`,
  });
});
afterAll(async () => {
  await store.database.dropDatabase();
  await store.close();
});

test('a connection from before pausing is not paused', async () => {
  await store.database.collection('connections').insertOne({
    _id: 'conn_old' as never,
    workspaceId: 'ws',
    chatbotId: 'bot',
    name: 'Old',
    webhookUrl: 'https://receiver.example/hook',
    secret: 'sealed',
    previousSecrets: [],
    customHeaders: [],
    enabled: true,
    createdAt: at,
    updatedAt: at,
  });

  expect(await store.connections.get('conn_old')).toMatchObject({
    id: 'conn_old',
    webhookPaused: null,
  });
});

test('a subscription from before events, filters and expiry takes replies, always, holding', async () => {
  await store.database.collection('subscriptions').insertOne({
    _id: 'sub_old' as never,
    workspaceId: 'ws',
    connectionId: 'conn_old',
    targetUrl: 'https://hooks.example/old',
    secret: 'sealed',
    createdAt: at,
  });

  expect(await store.subscriptions.get('sub_old')).toEqual({
    id: 'sub_old',
    workspaceId: 'ws',
    connectionId: 'conn_old',
    targetUrl: 'https://hooks.example/old',
    secret: 'sealed',
    events: ['ai.response'],
    filter: null,
    whileUnpublished: 'hold',
    paused: null,
    expiresAt: null,
    createdAt: at,
  });
});

test('a delivery from before events is an ai.response; a message without callback has none', async () => {
  await store.database.collection('deliveries').insertOne({
    _id: 'dlv_old' as never,
    workspaceId: 'ws',
    connectionId: 'conn_old',
    subscriptionId: null,
    messageId: 'msg_old',
    kind: 'reply',
    targetUrl: 'https://receiver.example/hook',
    body: '{}',
    status: 'delivered',
    attempts: [],
    attemptCount: 1,
    cycleStart: 0,
    nextAttemptAt: null,
    inFlight: null,
    createdAt: at,
    updatedAt: at,
  });
  await store.database.collection('pendingMessages').insertOne({
    _id: 'msg_waiting' as never,
    workspaceId: 'ws',
    conversationId: 'conv_old',
    connectionId: 'conn_old',
    chatbotId: 'bot',
    content: 'Hi',
    metadataJson: null,
    userId: null,
    replyId: 'msg_reply',
    acceptedAt: at,
  });

  expect(await store.deliveries.get('dlv_old')).toMatchObject({ event: 'ai.response' });
  expect(await store.messages.ownedQuestion('msg_waiting', 'ws')).toMatchObject({
    state: 'waiting',
    question: { id: 'msg_waiting', callback: null },
  });
});
