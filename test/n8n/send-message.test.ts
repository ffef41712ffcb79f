import { isOutgoingPayload, MESSAGE_MAX_LENGTH, type Conversation } from '../../n8n-nodes/shared';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai';
import { N8nHost } from './support/host';
import { CONTINUE_ON_FAIL, sendMessageNode } from './support/nodes';
import { startRelay, type TestRelay } from './support/relay';

// Message → Send within the relay's sync window, through n8n-core's engine against a real relay
// whose AI (a loopback OpenAI) the tests can hold, and whose sync window is 1 s.
let relay: TestRelay;
let ai: FakeOpenAi;
let host: N8nHost;

beforeAll(async () => {
  ai = await startFakeOpenAi();
  relay = await startRelay({
    AI_PROVIDER: 'openai',
    OPENAI_BASE_URL: ai.baseUrl,
    OPENAI_API_KEY: 'sk-test',
    RELAY_SYNC_TIMEOUT_MS: '1000',
  });
  host = await N8nHost.start(relay.credentials);
});

afterAll(async () => {
  ai?.release();
  await host?.close();
  await relay?.stop();
  await ai?.close();
});

afterEach(() => ai.release());

const send = (parameters = {}, extra = {}, items = [{ json: {} }]) =>
  host.executions.execute(sendMessageNode(relay.connectionId, parameters, extra), { items });

describe('FourthChat → Message → Send', () => {
  it('waits for the reply and returns it, with the metadata echoed', async () => {
    const execution = await send({
      userId: 'user-123',
      metadata: {
        entries: [
          { key: 'name', value: 'John Doe' },
          { key: '  ', value: 'ignored' },
        ],
      },
    });
    expect(execution.status).toBe('success');
    const [reply] = execution.json;
    expect(isOutgoingPayload(reply)).toBe(true);
    expect(reply).toMatchObject({
      connectionId: relay.connectionId,
      userId: 'user-123',
      message: { role: 'assistant', content: '[ai] Hello, I need help!' },
      metadata: { name: 'John Doe' },
    });
    expect(execution.outputs[0]?.[0]?.pairedItem).toEqual({ item: 0 });
  });

  it('returns the accepted IDs at once when not waiting', async () => {
    ai.hold();
    const execution = await send({ waitForReply: false });
    expect(execution.json).toEqual([
      {
        status: 'accepted',
        connectionId: relay.connectionId,
        conversationId: expect.any(String),
        messageId: expect.any(String),
      },
    ]);
  });

  it('fails the item when the reply is not ready within the wait, naming the accepted IDs', async () => {
    ai.hold();
    const execution = await send({ timeoutSeconds: 1 });
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({
      name: 'NodeOperationError',
      message: 'The AI reply was not ready within 1 seconds',
      description: expect.stringMatching(
        /connectionId \S+, conversationId \S+, messageId \S+.*"On Timeout"/,
      ),
      context: { itemIndex: 0 },
    });
  });

  it('returns the accepted IDs on a timeout when "On Timeout" asks for them', async () => {
    ai.hold();
    const execution = await send({ timeoutSeconds: 1, onTimeout: 'returnAccepted' });
    expect(execution.status).toBe('success');
    expect(execution.json).toEqual([expect.objectContaining({ status: 'accepted' })]);
  });

  it('with Continue On Fail turns a timed-out item into an error item and goes on', async () => {
    ai.hold();
    const items = [{ json: { text: 'slow' } }, { json: { text: 'quick' } }];
    const pending = send(
      { timeoutSeconds: 1, message: '={{ $json.text }}' },
      CONTINUE_ON_FAIL,
      items,
    );
    // Both are held once the first item's wait ended with the relay's 202 and the second was sent.
    await waitForHeld(2);
    ai.release();
    const execution = await pending;
    expect(execution.outputs[0]).toEqual([
      {
        json: {
          error: 'The AI reply was not ready within 1 seconds',
          description: expect.stringContaining('messageId'),
        },
        pairedItem: { item: 0 },
      },
      {
        json: expect.objectContaining({
          message: expect.objectContaining({ content: '[ai] quick' }),
        }),
        pairedItem: { item: 1 },
      },
    ]);
  });

  it('sends one message per item, each continuing the user conversation in order', async () => {
    const items = [{ json: { text: 'first' } }, { json: { text: 'second' } }];
    const execution = await send({ message: '={{ $json.text }}', userId: 'user-order' }, {}, items);
    const replies = execution.json as { conversationId: string; message: { content: string } }[];
    expect(replies.map((reply) => reply.message.content)).toEqual(['[ai] first', '[ai] second']);
    const conversation = await relay.api.get<Conversation>(
      `/api/conversations/${replies[0]?.conversationId}`,
    );
    expect(conversation.messages.map((message) => message.content)).toEqual([
      'first',
      '[ai] first',
      'second',
      '[ai] second',
    ]);
  });

  it("waits past the relay's sync window, and the relay's signed callback resumes the same execution", async () => {
    ai.hold();
    const execution = await send({
      timeoutSeconds: 1,
      timeoutUnit: 'minutes',
      message: 'take your time',
    });
    expect(execution.status).toBe('waiting');
    const [waiting] = execution.json as { idempotencyKey: string }[];
    const resumed = host.executions.resumed(execution.id);
    ai.release();
    const done = await resumed;
    expect(done.status).toBe('success');
    expect(done.json).toEqual([
      expect.objectContaining({
        connectionId: relay.connectionId,
        message: expect.objectContaining({ content: '[ai] take your time' }),
      }),
    ]);
    expect(waiting?.idempotencyKey).toMatch(/^n8n-/);
  });

  it.each([
    ['spaces', '   '],
    ['non-breaking spaces and a newline', '\u00a0\u00a0\n'],
  ])('refuses a message of %s without calling the relay', async (_label, message) => {
    const before = ai.received;
    const execution = await send({ message });
    expect(execution.error).toMatchObject({
      message: '"Message" is empty',
      context: { itemIndex: 0 },
    });
    expect(ai.received).toBe(before);
  });

  it('refuses a message longer than the relay accepts without calling it', async () => {
    const execution = await send({ message: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) });
    expect(execution.error).toMatchObject({
      message: '"Message" is too long',
      description: expect.stringContaining(`at most ${MESSAGE_MAX_LENGTH} characters`),
    });
  });

  it('sends a number that an expression produced as text', async () => {
    const execution = await send({ message: '={{ 6 * 7 }}' });
    expect(execution.json).toEqual([
      expect.objectContaining({ message: expect.objectContaining({ content: '[ai] 42' }) }),
    ]);
  });

  it('refuses a timeout that is not between 1 second and 24 hours', async () => {
    const zero = await send({ timeoutSeconds: 0 });
    expect(zero.error).toMatchObject({
      message: '"Timeout" must be between 1 second and 24 hours',
    });
    const tooLong = await send({ timeoutSeconds: 25, timeoutUnit: 'hours' });
    expect(tooLong.error).toMatchObject({
      message: '"Timeout" must be between 1 second and 24 hours',
    });
  });
});

async function waitForHeld(count: number): Promise<void> {
  const { waitFor } = await import('../support/wait');
  await waitFor(() => ai.held() >= count, { what: `${count} AI request(s) to be held` });
}
