import { describe, expect, it } from '@jest/globals';
import { perform } from '../../zapier-app/src/creates/send-message/perform.js';
import { REPLY_WAIT_MS } from '../../zapier-app/src/creates/send-message/post.js';
import { MESSAGE_MAX_LENGTH } from '../../zapier-app/src/shared/index.js';
import { app, appTester, authData, RELAY } from './support/app.js';
import { errorFields, rejection } from './support/errors.js';
import { useNock } from './support/nock.js';
import { reply } from './support/payloads.js';

const nock = useNock();

const accepted = {
  status: 'accepted',
  connectionId: 'conn_1',
  conversationId: 'conv_1',
  messageId: 'msg_user_1',
};
const inputData = { connectionId: 'conn_1', message: 'Hello, I need help!', userId: 'user-123' };
const meta = { zap: { id: 'zap_1', user: { timezone: 'Europe/Berlin' } } };

/** Records the Idempotency-Key of every message the relay receives. */
function recordKeys(keys: string[]) {
  return function (this: { req: { getHeader(name: string): unknown } }) {
    keys.push(String(this.req.getHeader('idempotency-key')));
    return [202, accepted];
  };
}

describe('Send Message definition', () => {
  const create = app.creates.sendMessage;

  it('asks for connection, message, user id, metadata, wait and a deduplication key', () => {
    const fields = create.operation.inputFields ?? [];
    expect(fields.map((field) => 'key' in field && field.key)).toEqual([
      'connectionId',
      'message',
      'userId',
      'metadata',
      'wait',
      'dedupeKey',
    ]);
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'message', required: true }),
        expect.objectContaining({ key: 'metadata', dict: true }),
        expect.objectContaining({ key: 'wait', type: 'boolean' }),
      ]),
    );
  });

  it('describes its output, including the flattened reply content', () => {
    const keys = create.operation.outputFields?.map((field) => 'key' in field && field.key);
    expect(keys).toEqual(expect.arrayContaining(['status', 'messageId', 'message__content']));
    expect(create.operation.sample).toMatchObject({
      status: 'replied',
      message: { role: 'assistant' },
    });
  });
});

describe('Send Message', () => {
  it('posts the message and returns the ids of the accepted message without waiting', async () => {
    const relay = nock(RELAY, { reqheaders: { authorization: /^Bearer / } })
      .post('/api/webhooks/incoming', {
        connectionId: 'conn_1',
        message: 'Hello, I need help!',
        userId: 'user-123',
        metadata: { name: 'John Doe' },
      })
      .query({})
      .reply(202, accepted);

    const result = await appTester(perform, {
      authData,
      meta,
      inputData: { ...inputData, metadata: { name: 'John Doe' }, wait: false },
    });

    expect(result).toEqual(accepted);
    expect(relay.isDone()).toBe(true);
  });

  it('leaves out an empty user id and empty metadata', async () => {
    const relay = nock(RELAY)
      .post('/api/webhooks/incoming', { connectionId: 'conn_1', message: 'Hi' })
      .reply(202, accepted);

    await appTester(perform, {
      authData,
      inputData: { connectionId: 'conn_1', message: 'Hi', userId: '', metadata: {} },
    });

    expect(relay.isDone()).toBe(true);
  });

  it('waits for the reply within the Zapier time limit and returns it', async () => {
    const relay = nock(RELAY)
      .post('/api/webhooks/incoming')
      .query({ wait: 'true', timeoutMs: String(REPLY_WAIT_MS) })
      .reply(200, reply);

    const result = await appTester(perform, {
      authData,
      meta,
      inputData: { ...inputData, wait: true },
    });

    expect(REPLY_WAIT_MS).toBeLessThan(30_000);
    expect(result).toEqual({ ...reply, status: 'replied' });
    expect(relay.isDone()).toBe(true);
  });

  it('returns the ids with status pending when the reply is not ready in time', async () => {
    nock(RELAY).post('/api/webhooks/incoming').query(true).reply(202, accepted);

    const result = await appTester(perform, {
      authData,
      meta,
      inputData: { ...inputData, wait: true },
    });

    expect(result).toEqual({ ...accepted, status: 'pending' });
  });

  it('understands a wait flag mapped in as text', async () => {
    const relay = nock(RELAY)
      .post('/api/webhooks/incoming')
      .query({ wait: 'true', timeoutMs: String(REPLY_WAIT_MS) })
      .reply(200, reply);

    // Zapier types the field as boolean, but a value mapped from an earlier step arrives as text.
    const mappedWait = 'yes' as unknown as boolean;
    await appTester(perform, { authData, meta, inputData: { ...inputData, wait: mappedWait } });

    expect(relay.isDone()).toBe(true);
  });

  it('sends no Idempotency-Key without a mapped deduplication key, so saying "yes" twice gets two replies', async () => {
    const keys: string[] = [];
    nock(RELAY)
      .post('/api/webhooks/incoming', {
        connectionId: 'conn_1',
        message: 'yes',
        userId: 'user-123',
      })
      .times(2)
      .reply(recordKeys(keys));

    await appTester(perform, { authData, meta, inputData: { ...inputData, message: 'yes' } });
    await appTester(perform, {
      authData,
      meta,
      inputData: { ...inputData, message: 'yes', dedupeKey: ' ' },
    });

    expect(keys).toEqual(['undefined', 'undefined']);
  });

  it('sends the same Idempotency-Key when Zapier retries a step with a mapped deduplication key', async () => {
    const keys: string[] = [];
    nock(RELAY).post('/api/webhooks/incoming').times(3).reply(recordKeys(keys));

    await appTester(perform, { authData, meta, inputData: { ...inputData, dedupeKey: 'row-1' } });
    await appTester(perform, { authData, meta, inputData: { ...inputData, dedupeKey: 'row-1' } });
    await appTester(perform, { authData, meta, inputData: { ...inputData, dedupeKey: 'row-2' } });

    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^zapier-[0-9a-f]{64}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('tells the user which trigger field to map into the deduplication key', () => {
    const field = app.creates.sendMessage.operation.inputFields?.find(
      (candidate) => 'key' in candidate && candidate.key === 'dedupeKey',
    );
    expect(field).not.toHaveProperty('required', true);
    expect(field).toMatchObject({
      helpText: expect.stringMatching(/retried Zap runs.*record that triggered the Zap/),
    });
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \n\u00a0'],
  ])('refuses a message that is %s without calling the relay', async (_label, message) => {
    const error = await rejection(
      appTester(perform, { authData, meta, inputData: { ...inputData, message } }),
    );

    expect(errorFields(error)).toEqual({
      message: expect.stringContaining('The Message is empty'),
      code: 'validation_failed',
      status: 400,
    });
  });

  it('refuses a message longer than the relay accepts without calling it', async () => {
    const message = 'x'.repeat(MESSAGE_MAX_LENGTH + 1);
    const error = await rejection(
      appTester(perform, { authData, meta, inputData: { ...inputData, message } }),
    );

    expect(errorFields(error)).toMatchObject({
      message: expect.stringContaining(`at most ${MESSAGE_MAX_LENGTH} characters`),
      code: 'validation_failed',
    });
  });

  it('shows why the AI reply failed', async () => {
    nock(RELAY)
      .post('/api/webhooks/incoming')
      .query(true)
      .reply(424, { error: { code: 'reply_failed', message: 'The AI provider timed out' } });

    const error = await rejection(
      appTester(perform, { authData, meta, inputData: { ...inputData, wait: true } }),
    );

    expect(errorFields(error)).toEqual({
      message: 'The AI provider timed out',
      code: 'reply_failed',
      status: 424,
    });
  });

  it('reports an answer that is neither a reply nor an accepted message', async () => {
    nock(RELAY).post('/api/webhooks/incoming').reply(200, { ok: true });

    const error = await rejection(appTester(perform, { authData, meta, inputData }));

    expect(error.message).toContain('unexpected_response');
  });
});
