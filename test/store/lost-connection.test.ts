// A bulk write whose connection is lost has an unknown outcome: the repositories must fail
// it, never read the driver's empty error list as "all written". (The driver wraps a network
// error in the same bulk error type as a duplicate key, with no write errors in it; reading
// that as success answered 202 for messages that were never stored.)
import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { Delivery } from '../../relay/src/model/delivery.js';
import type { Message, PendingMessage } from '../../relay/src/model/message.js';
import { MongoConversationRepository } from '../../relay/src/store/mongo/conversations.js';
import { openDatabase, type Database } from '../../relay/src/store/mongo/database.js';
import { MongoDeliveryRepository } from '../../relay/src/store/mongo/deliveries.js';
import { pendingDelivery } from '../support/delivery-doc.js';
import { testMongoUrl } from '../support/mongo.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

let proxy: TcpProxy;
let database: Database;
const at = new Date('2026-01-01T00:00:00Z');

beforeAll(async () => {
  proxy = await startTcpProxy(testMongoUrl());
  database = await openDatabase(proxy.url, { dbName: `test_${randomBytes(6).toString('hex')}` });
});
beforeEach(() => {
  proxy.mend();
});
afterAll(async () => {
  proxy.mend();
  await database.db.dropDatabase().catch(() => undefined);
  await database.client.close();
  await proxy.close();
});

function message(id: string): PendingMessage {
  return {
    id,
    workspaceId: 'ws',
    conversationId: `cnv_${id}`,
    connectionId: 'con',
    chatbotId: 'bot',
    content: id,
    metadataJson: null,
    userId: null,
    replyId: `rep_${id}`,
    callback: null,
    acceptedAt: at,
  };
}

function delivery(id: string): Delivery {
  return pendingDelivery(id, {
    workspaceId: 'ws',
    connectionId: 'con',
    targetUrl: 'http://127.0.0.1:9/',
    at,
  });
}

async function storedIds(name: 'pendingMessages' | 'messages' | 'deliveries'): Promise<string[]> {
  const docs = await database.db
    .collection(name)
    .find({}, { projection: { _id: 1 } })
    .toArray();
  return docs.map((doc) => String(doc._id));
}

test('accepting a batch while the connection is lost fails the batch instead of answering stored', async () => {
  const conversations = new MongoConversationRepository(database.collections);
  const batch = ['msg_a', 'msg_b'].map((id) => {
    const pending = message(id);
    return {
      conversation: {
        id: pending.conversationId,
        workspaceId: 'ws',
        connectionId: 'con',
        chatbotId: 'bot',
        userId: null,
        createdAt: at,
      },
      message: pending,
    };
  });
  proxy.cut();

  await expect(conversations.accept(batch, at)).rejects.toThrow();

  proxy.mend();
  expect(await storedIds('pendingMessages')).not.toContain('msg_a');
});

test('recording settled messages while the connection is lost fails', async () => {
  const conversations = new MongoConversationRepository(database.collections);
  const settled: Message = {
    ...message('msg_c'),
    seq: 0,
    role: 'user',
    status: 'completed',
    error: null,
    outgoing: null,
    createdAt: at,
  };
  proxy.cut();

  await expect(conversations.recordMessages([settled])).rejects.toThrow();
});

test('creating deliveries while the connection is lost fails instead of answering them created', async () => {
  const deliveries = new MongoDeliveryRepository(database.collections);
  proxy.cut();

  await expect(deliveries.createMany([delivery('dlv_a')])).rejects.toThrow();
});

test('with the connection mended, a duplicate is still told apart from a new document', async () => {
  const deliveries = new MongoDeliveryRepository(database.collections);
  expect([...(await deliveries.createMany([delivery('dlv_x')]))]).toEqual(['dlv_x']);
  expect([...(await deliveries.createMany([delivery('dlv_x'), delivery('dlv_y')]))]).toEqual([
    'dlv_y',
  ]);
});
