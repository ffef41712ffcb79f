import { sign, type MessageFailedEvent } from '../../n8n-nodes/shared';
import { useScriptedRelay } from './support/setup';
import { sendMessageNode } from './support/nodes';
import { acceptedMessage, outgoingPayload } from './support/payloads';

// Send with a Timeout past the relay's sync window: n8n-core puts the execution to wait, and the
// callback (signed here as the relay signs it, to the URL and with the secret the node sent)
// resumes it through the node's webhook; the timeout resumes it as n8n's WaitTracker does.
const harness = useScriptedRelay();
const relay = () => harness.relay;
const host = () => harness.host;

beforeEach(() => {
  relay().requests.length = 0;
  relay().answer(() => ({ status: 202, body: acceptedMessage() }));
});

interface SentCallback {
  callbackUrl: string;
  callbackSecret: string;
}

function callbackSent(index = 0): SentCallback {
  const body = JSON.parse(relay().requests[index]?.body ?? '{}') as SentCallback;
  return { callbackUrl: body.callbackUrl, callbackSecret: body.callbackSecret };
}

async function callBack(payload: object, callback: SentCallback, secret = callback.callbackSecret) {
  const body = JSON.stringify(payload);
  const headers = sign({ secret, id: 'dlv_cb_1', now: new Date(), body });
  const response = await fetch(callback.callbackUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const waitingSend = (parameters = {}) =>
  host().executions.execute(
    sendMessageNode('conn_1', { timeoutSeconds: 2, timeoutUnit: 'hours', ...parameters }),
  );

function messageFailed(): MessageFailedEvent {
  return {
    type: 'message.failed',
    id: 'evt_9',
    connectionId: 'conn_1',
    timestamp: '2024-01-15T10:31:00Z',
    data: { messageId: 'msg_1', conversationId: 'conv_1', reason: 'the AI provider answered 500' },
  };
}

describe('Send → Wait for AI Reply past the sync window', () => {
  it('returns a reply that comes within the sync window at once, without waiting', async () => {
    relay().answer(() => ({ status: 200, body: outgoingPayload() }));
    const execution = await waitingSend();
    expect(execution.status).toBe('success');
    expect(execution.json).toEqual([outgoingPayload()]);
    expect(relay().requests[0]?.path).toBe('/api/webhooks/incoming?wait=true&timeoutMs=25000');
    const { callbackUrl, callbackSecret } = callbackSent();
    expect(callbackUrl).toMatch(
      new RegExp(`^${host().urls.webhookWaitingBaseUrl}/\\w+\\?signature=\\w+$`),
    );
    expect(callbackSecret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  });

  it('waits, and the signed callback resumes the same execution with the reply', async () => {
    const execution = await waitingSend();
    expect(execution.status).toBe('waiting');
    expect(execution.run.waitTill?.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    expect(callbackSent().callbackUrl).toContain(`/webhook-waiting/${execution.id}?`);
    const resumed = host().executions.resumed(execution.id);
    await expect(callBack(outgoingPayload(), callbackSent())).resolves.toEqual({
      status: 200,
      body: { received: true },
    });
    const done = await resumed;
    expect(done.status).toBe('success');
    expect(done.outputs).toEqual([[{ json: outgoingPayload(), pairedItem: { item: 0 } }]]);
  });

  it('refuses a callback signed with another secret, and keeps waiting', async () => {
    const { id } = await waitingSend();
    const forged = await callBack(
      outgoingPayload(),
      callbackSent(),
      'whsec_Zm9yZ2VkLWtleS1mb3JnZWQ=',
    );
    expect(forged).toEqual({
      status: 401,
      body: { error: { code: 'invalid_signature', message: expect.any(String) } },
    });
    const timedOut = await host().executions.expire(id);
    expect(timedOut.json).toEqual([
      expect.objectContaining({ error: 'The AI reply was not ready within 7200 seconds' }),
    ]);
  });

  it('refuses a callback about another conversation with 422', async () => {
    await waitingSend();
    const other = await callBack(outgoingPayload({ conversationId: 'conv_other' }), callbackSent());
    expect(other).toEqual({
      status: 422,
      body: { error: { code: 'unexpected_callback', message: expect.stringContaining('msg_1') } },
    });
  });

  it('resumes with an error item when the relay gives up on the reply (message.failed)', async () => {
    const { id } = await waitingSend();
    const resumed = host().executions.resumed(id);
    await callBack(messageFailed(), callbackSent());
    expect((await resumed).json).toEqual([
      {
        error: 'The chatbot could not generate a reply',
        description: expect.stringContaining('the AI provider answered 500'),
        connectionId: 'conn_1',
        conversationId: 'conv_1',
        messageId: 'msg_1',
      },
    ]);
  });

  it('gives the timeout error, with the accepted IDs, when the Timeout ends first', async () => {
    const { id } = await waitingSend();
    const timedOut = await host().executions.expire(id);
    expect(timedOut.status).toBe('success');
    expect(timedOut.outputs).toEqual([
      [
        {
          json: {
            error: 'The AI reply was not ready within 7200 seconds',
            description: expect.stringContaining('messageId msg_1'),
            connectionId: 'conn_1',
            conversationId: 'conv_1',
            messageId: 'msg_1',
            idempotencyKey: expect.stringMatching(/^n8n-/),
          },
          pairedItem: { item: 0 },
        },
      ],
    ]);
  });

  it('gives the accepted IDs when the Timeout ends first and "On Timeout" asks for them', async () => {
    const { id } = await waitingSend({ onTimeout: 'returnAccepted' });
    expect((await host().executions.expire(id)).json).toEqual([
      { ...acceptedMessage(), idempotencyKey: expect.stringMatching(/^n8n-/) },
    ]);
  });

  it("never lets a late callback of an earlier wait resume a later one (a loop's next pass)", async () => {
    const first = await host().executions.execute(
      sendMessageNode('conn_1', { timeoutSeconds: 1, timeoutUnit: 'hours' }),
      { passes: 2 },
    );
    expect(first.status).toBe('waiting');
    const second = await host().executions.expire(first.id);
    expect(second.status).toBe('waiting');
    const late = await callBack(outgoingPayload(), callbackSent(1), callbackSent(0).callbackSecret);
    expect(late.status).toBe(401);
    expect(callbackSent(1).callbackSecret).not.toBe(callbackSent(0).callbackSecret);
  });
});
