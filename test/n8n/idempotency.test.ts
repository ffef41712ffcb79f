import { deriveIdempotencyKey } from '../../n8n-nodes/nodes/FourthChat/resources/message/idempotencyKey';
import { useScriptedRelay } from './support/setup';
import { sendMessageNode } from './support/nodes';
import { outgoingPayload } from './support/payloads';

// What Send puts on the wire, read by a loopback server in the relay's place.
const harness = useScriptedRelay();
const relay = () => harness.relay;
const host = () => harness.host;

beforeEach(() => {
  relay().requests.length = 0;
  relay().answer(() => ({ status: 200, body: outgoingPayload() }));
});

const keys = () => relay().requests.map((request) => String(request.headers['idempotency-key']));

describe('Send → Idempotency-Key', () => {
  it('sends the message, the API key and the wait the relay should hold the answer for', async () => {
    await host().executions.execute(
      sendMessageNode('conn_1', {
        userId: 'user-123',
        timeoutSeconds: 10,
        metadata: { entries: [{ key: 'vip', value: '={{ true }}' }] },
      }),
    );
    const [request] = relay().requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/webhooks/incoming?wait=true&timeoutMs=10000');
    expect(request?.headers.authorization).toBe(`Bearer ${relay().credentials.apiKey}`);
    expect(JSON.parse(request?.body ?? '')).toEqual({
      connectionId: 'conn_1',
      message: 'Hello, I need help!',
      userId: 'user-123',
      metadata: { vip: true },
    });
    expect(keys()[0]).toMatch(/^n8n-[0-9a-f]{40}$/);
  });

  it('caps the wait of one request at the sync window when several items are sent', async () => {
    const items = [{ json: {} }, { json: {} }];
    await host().executions.execute(
      sendMessageNode('conn_1', { timeoutSeconds: 5, timeoutUnit: 'minutes' }),
      { items },
    );
    expect(relay().requests.map((request) => request.path)).toEqual([
      '/api/webhooks/incoming?wait=true&timeoutMs=25000',
      '/api/webhooks/incoming?wait=true&timeoutMs=25000',
    ]);
    expect(new Set(keys()).size).toBe(2);
  });

  it('repeats the same key when n8n retries the node (Retry On Fail)', async () => {
    relay().answer((request) =>
      relay().requests.indexOf(request) === 0
        ? { status: 503, body: { error: { code: 'unavailable', message: 'starting' } } }
        : { status: 200, body: outgoingPayload() },
    );
    const execution = await host().executions.execute(
      sendMessageNode('conn_1', {}, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 }),
    );
    expect(execution.status).toBe('success');
    expect(keys()).toHaveLength(2);
    expect(keys()[1]).toBe(keys()[0]);
  });

  it('gives every pass of a loop its own key', async () => {
    await host().executions.execute(sendMessageNode('conn_1'), { passes: 2 });
    expect(keys()).toHaveLength(2);
    expect(keys()[1]).not.toBe(keys()[0]);
  });

  it('gives every execution its own key', async () => {
    await host().executions.execute(sendMessageNode('conn_1'));
    await host().executions.execute(sendMessageNode('conn_1'));
    expect(keys()[1]).not.toBe(keys()[0]);
  });

  it('uses the key given as an option', async () => {
    await host().executions.execute(
      sendMessageNode('conn_1', { options: { idempotencyKey: '={{ "order-" + 1234 }}' } }),
    );
    expect(keys()).toEqual(['order-1234']);
  });

  it('derives different keys for different items, runs and nodes', () => {
    const run = { executionId: '7', nodeName: 'FourthChat', runIndex: 0, itemIndex: 0 };
    const key = deriveIdempotencyKey(run);
    expect(deriveIdempotencyKey({ ...run, itemIndex: 1 })).not.toBe(key);
    expect(deriveIdempotencyKey({ ...run, runIndex: 1 })).not.toBe(key);
    expect(deriveIdempotencyKey({ ...run, nodeName: 'FourthChat1' })).not.toBe(key);
    expect(deriveIdempotencyKey({ ...run, runIndex: 1, itemIndex: 0 })).not.toBe(
      deriveIdempotencyKey({ ...run, runIndex: 0, itemIndex: 1 }),
    );
    expect(deriveIdempotencyKey({ ...run })).toBe(key);
  });
});
