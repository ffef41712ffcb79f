// Tenant isolation, driven by the route table: a key of workspace B gets the same 404 for
// workspace A's objects as for objects that do not exist, on every route that names one.
// A route added without a case here fails the first test.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { allRoutes } from '../../relay/src/app/create-app.js';
import { listDeliveries } from '../support/deliveries.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { specSignatureMatches } from '../support/signatures.js';
import { storedQuestions } from '../support/store-reads.js';
import { waitFor } from '../support/wait.js';

interface Ids {
  chatbotId: string;
  connectionId: string;
  subscriptionId: string;
  deliveryId: string;
  conversationId: string;
  messageId: string;
  keyId: string;
}

interface Probe {
  method: string;
  path: string;
  body?: unknown;
}

const MISSING: Ids = {
  chatbotId: 'bot_missing',
  connectionId: 'conn_missing',
  subscriptionId: 'sub_missing',
  deliveryId: 'dlv_missing',
  conversationId: 'conv_missing',
  messageId: 'msg_missing',
  keyId: 'key_missing',
};

/** The start of a recover window: any time before the test's deliveries. */
const SINCE = '2020-01-01T00:00:00Z';

/** A body that points `field` at the intruder's own receiver. */
const urlAs = (field: string) => (_ids: Ids, url: string) => ({ [field]: url });

/**
 * Routes that name an object of a workspace: which id goes into `:id` (or the body), and a
 * valid body where the route takes one, so validation cannot answer before the lookup.
 */
const objectRoutes: Record<
  string,
  { id: keyof Ids; body?: (ids: Ids, url: string) => unknown; query?: string }
> = {
  'get /api/chatbots/:id': { id: 'chatbotId' },
  'patch /api/chatbots/:id': { id: 'chatbotId', body: () => ({ name: 'taken over' }) },
  'delete /api/chatbots/:id': { id: 'chatbotId' },
  'get /api/chatbots/:id/connections': { id: 'chatbotId' },
  'post /api/chatbots/:id/connections': { id: 'chatbotId', body: urlAs('webhookUrl') },
  'get /api/connections/:id': { id: 'connectionId' },
  'patch /api/connections/:id': { id: 'connectionId', body: urlAs('webhookUrl') },
  'delete /api/connections/:id': { id: 'connectionId' },
  'post /api/connections/:id/rotate-secret': { id: 'connectionId' },
  'post /api/connections/:id/test': { id: 'connectionId' },
  'get /api/connections/:id/responses': { id: 'connectionId' },
  'get /api/connections/:id/deliveries': { id: 'connectionId' },
  'get /api/connections/:id/subscriptions': { id: 'connectionId' },
  'post /api/connections/:id/subscriptions': { id: 'connectionId', body: urlAs('targetUrl') },
  'patch /api/subscriptions/:id': { id: 'subscriptionId', body: () => ({ paused: true }) },
  'delete /api/subscriptions/:id': { id: 'subscriptionId' },
  'post /api/connections/:id/recover': { id: 'connectionId', body: () => ({ since: SINCE }) },
  'get /api/connections/:id/recover': { id: 'connectionId', query: `?since=${SINCE}` },
  'get /api/deliveries/:id': { id: 'deliveryId' },
  'post /api/deliveries/:id/redeliver': { id: 'deliveryId' },
  'get /api/conversations/:id': { id: 'conversationId' },
  'get /api/connections/:id/conversations': { id: 'connectionId', query: '?userId=a-user' },
  'get /api/messages/:id': { id: 'messageId' },
  'delete /api/keys/:id': { id: 'keyId' },
  'post /api/webhooks/incoming': {
    id: 'connectionId',
    body: (ids) => ({ connectionId: ids.connectionId, message: 'hijack' }),
  },
};

/** The request a route's case makes for the objects `ids`. */
function probe(route: string, ids: Ids, url: string): Probe {
  const [method = '', path = ''] = route.split(' ');
  const spec = objectRoutes[route];
  if (!spec) throw new Error(`no isolation case for ${route}`);
  return {
    method: method.toUpperCase(),
    path: path.replace(':id', ids[spec.id]) + (spec.query ?? ''),
    ...(spec.body ? { body: spec.body(ids, url) } : {}),
  };
}

/** Routes that list the key's own workspace: A's ids must not appear in B's answer. */
const listRoutes: Record<string, (ids: Ids & { workspaceId: string }) => string[]> = {
  'get /api/me': (ids) => [ids.workspaceId],
  'get /api/chatbots': (ids) => [ids.chatbotId],
  'get /api/connections': (ids) => [ids.connectionId],
  'get /api/keys': (ids) => [ids.keyId],
};

/** Routes that name no workspace object: public, or creating in the key's own workspace. */
const unscopedRoutes = new Set([
  'get /healthz',
  'get /readyz',
  'get /metrics',
  'post /api/chatbots',
  'post /api/keys',
]);

let relay: TestRelay;
let receiver: Receiver;
let intruderTarget: Receiver;
let keyOfB: string;
let a: Ids & { workspaceId: string; secret: string; keyOfA: string };
beforeAll(async () => {
  relay = await startTestRelay();
  receiver = await startReceiver();
  intruderTarget = await startReceiver();
  keyOfB = await relay.newWorkspace('Workspace B');

  const { chatbotId, connectionId, secret } = await createConnection(relay, receiver.url);
  const subscription = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl: `${receiver.url}/subscription` },
  });
  const sent = await relay.api('/api/webhooks/incoming', {
    body: { connectionId, message: 'private', userId: 'a-user' },
  });
  const delivery = await waitFor(
    async () => (await listDeliveries(relay, connectionId)).find((d) => d.status === 'delivered'),
    { what: "A's delivery" },
  );
  const key = await relay.api('/api/keys', { body: { name: 'second key of A' } });
  a = {
    workspaceId: relay.workspaceId,
    chatbotId,
    connectionId,
    secret,
    subscriptionId: subscription.body.id,
    deliveryId: delivery.id,
    conversationId: sent.body.conversationId,
    messageId: sent.body.messageId,
    keyId: key.body.id,
    keyOfA: key.body.key,
  };
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
  await receiver.close();
  await intruderTarget.close();
});

test('every route of the route table has an isolation case', () => {
  const routes = allRoutes(relay.relay.services).map((r) => `${r.method} ${r.path}`);
  const covered = new Set([
    ...Object.keys(objectRoutes),
    ...Object.keys(listRoutes),
    ...unscopedRoutes,
  ]);

  expect(routes.filter((route) => !covered.has(route))).toEqual([]);
  expect([...covered].filter((route) => !routes.includes(route))).toEqual([]);
});

describe("workspace B's key on workspace A's objects", () => {
  test.each(Object.keys(objectRoutes))(
    '%s answers 404, exactly as for a missing object',
    async (route) => {
      const send = ({ method, path, body }: Probe) =>
        relay.api(path, { method, apiKey: keyOfB, ...(body === undefined ? {} : { body }) });

      const foreign = await send(probe(route, a, intruderTarget.url));
      const missing = await send(probe(route, MISSING, intruderTarget.url));

      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(missing.body);
      expect(foreign.body.error.code).toBe('not_found');
    },
  );

  test.each(Object.keys(listRoutes))("%s shows nothing of A's", async (route) => {
    const path = route.replace(/^get /, '');
    const hidden = listRoutes[route]?.(a) ?? [];

    const response = await relay.api(path, { apiKey: keyOfB });

    expect(response.status).toBe(200);
    for (const id of hidden) expect(JSON.stringify(response.body)).not.toContain(id);
  });
});

test("after all of B's attempts, A's objects are untouched", async () => {
  const chatbot = await relay.api(`/api/chatbots/${a.chatbotId}`);
  expect(chatbot.body.name).toBe('Bot');
  const connection = await relay.api(`/api/connections/${a.connectionId}`);
  expect(connection.body).toEqual(
    expect.objectContaining({ enabled: true, webhookUrl: receiver.url }),
  );
  const subscriptions = await relay.api(`/api/connections/${a.connectionId}/subscriptions`);
  expect(subscriptions.body.data.map((s: { id: string }) => s.id)).toEqual([a.subscriptionId]);
  expect((await relay.api('/api/me', { apiKey: a.keyOfA })).status).toBe(200);
  const delivery = await relay.api(`/api/deliveries/${a.deliveryId}`);
  expect(delivery.body.attempts).toHaveLength(1);
  expect(await storedQuestions(relay.store, a.connectionId, 'hijack')).toBe(0);
  expect(receiver.requests.filter((r) => r.body.includes('"test":true'))).toEqual([]);
  expect(intruderTarget.requests).toEqual([]);

  await relay.api('/api/webhooks/incoming', {
    body: { connectionId: a.connectionId, message: 'still mine' },
  });
  const reply = await waitFor(
    () => receiver.requests.find((r) => r.path === '/webhook' && r.body.includes('still mine')),
    { what: 'a reply signed with the original secret' },
  );
  expect(specSignatureMatches(reply, a.secret)).toBe(true);
});
