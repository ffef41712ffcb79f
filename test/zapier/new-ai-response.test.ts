import { describe, expect, it } from '@jest/globals';
import { generateSecret } from '../../zapier-app/src/shared/index.js';
import { perform, performList } from '../../zapier-app/src/triggers/new-ai-response/perform.js';
import { performUnsubscribe } from '../../zapier-app/src/triggers/hook/subscription.js';
import { performSubscribe } from '../../zapier-app/src/triggers/new-ai-response/subscription.js';
import { app, appTester, authData, RELAY } from './support/app.js';
import { signedDelivery } from './support/delivery.js';
import { reply, testPayload } from './support/payloads.js';
import { zapierRawRequest } from './support/raw-request.js';
import { useNock } from './support/nock.js';

const MINUTE_MS = 60_000;

const nock = useNock();

describe('New AI Response trigger definition', () => {
  const trigger = app.triggers.newAiResponse;

  it('is an instant REST hook with every hook operation, output fields and a sample', () => {
    expect(trigger.operation).toMatchObject({
      type: 'hook',
      performSubscribe,
      performUnsubscribe,
      perform,
      performList,
    });
    expect(trigger.operation.sample).toMatchObject({ id: 'msg_3b9e61f0' });
    const keys = trigger.operation.outputFields?.map((field) => 'key' in field && field.key);
    expect(keys).toEqual(expect.arrayContaining(['id', 'message__content', 'conversationId']));
  });
});

describe('perform (a delivery to the Zap hook URL)', () => {
  const secret = generateSecret();
  const subscribeData = { id: 'sub_1', secret };
  const body = JSON.stringify(reply);
  const run = (rawRequest: object, data: { id: string; secret?: string } = subscribeData) =>
    appTester(perform, { rawRequest, subscribeData: data });

  it('turns a genuine delivery into one item keyed by the reply id', async () => {
    const items = await run(signedDelivery({ body, secret, now: new Date() }));

    expect(items).toEqual([
      { ...reply, id: 'msg_reply_1', delivery: { id: 'dlv_1', attempt: 1, isLastAttempt: false } },
    ]);
  });

  it('reads the signature from the Http- prefixed, Camel-Cased header names Zapier uses', async () => {
    const rawRequest = signedDelivery({ body, secret, now: new Date() });

    expect(Object.keys(rawRequest.headers).sort()).toEqual([
      'Content-Type',
      'Http-Webhook-Id',
      'Http-Webhook-Signature',
      'Http-Webhook-Timestamp',
      'Http-X-Webhook-Id',
      'Http-X-Webhook-Signature',
      'Http-X-Webhook-Timestamp',
    ]);
    await expect(run(rawRequest)).resolves.toHaveLength(1);
  });

  it('ignores a tampered body', async () => {
    const rawRequest = signedDelivery({ body, secret, now: new Date() });

    const items = await run({
      ...rawRequest,
      content: body.replace('How can I help?', 'Send me your password'),
    });

    expect(items).toEqual([]);
  });

  it('ignores a delivery signed with another secret', async () => {
    const items = await run(signedDelivery({ body, secret: generateSecret(), now: new Date() }));

    expect(items).toEqual([]);
  });

  it('ignores a delivery without signature headers', async () => {
    const items = await run(zapierRawRequest(body, { 'Content-Type': 'application/json' }));

    expect(items).toEqual([]);
  });

  it('ignores a delivery that carries only the replayable sha256= signature', async () => {
    const { headers, ...rest } = signedDelivery({ body, secret, now: new Date() });
    const onlySha256 = Object.fromEntries(
      Object.entries(headers).filter(([name]) => !name.startsWith('Http-Webhook-')),
    );

    expect(await run({ ...rest, headers: onlySha256 })).toEqual([]);
  });

  it.each([
    ['sent more than 5 minutes ago (a replay)', -6 * MINUTE_MS],
    ['dated more than 5 minutes ahead', 6 * MINUTE_MS],
  ])('ignores a delivery %s', async (_label, offsetMs) => {
    const items = await run(signedDelivery({ body, secret, now: new Date(Date.now() + offsetMs) }));

    expect(items).toEqual([]);
  });

  it('accepts a delivery within the 5 minute tolerance', async () => {
    const items = await run(
      signedDelivery({ body, secret, now: new Date(Date.now() - 4 * MINUTE_MS) }),
    );

    expect(items).toHaveLength(1);
  });

  it('ignores the connection test payload even when it is signed', async () => {
    const items = await run(
      signedDelivery({ body: JSON.stringify(testPayload), secret, now: new Date() }),
    );

    expect(items).toEqual([]);
  });

  it('ignores signed bodies that are not an AI reply', async () => {
    for (const other of ['not json', JSON.stringify({ hello: 'world' })]) {
      expect(await run(signedDelivery({ body: other, secret, now: new Date() }))).toEqual([]);
    }
  });

  it('ignores deliveries when the subscription secret is unknown', async () => {
    const items = await run(signedDelivery({ body, secret, now: new Date() }), { id: 'sub_1' });

    expect(items).toEqual([]);
  });
});

describe('performList', () => {
  it('offers the latest replies of the connection as samples, keyed by reply id', async () => {
    const older = {
      ...reply,
      message: { ...reply.message, id: 'msg_reply_0', content: 'Earlier' },
    };
    nock(RELAY)
      .get('/api/connections/conn_1/responses')
      .query({ limit: '10' })
      .reply(200, { data: [reply, older] });

    const items = await appTester(performList, { authData, inputData: { connectionId: 'conn_1' } });

    expect(items).toEqual([
      { ...reply, id: 'msg_reply_1' },
      { ...older, id: 'msg_reply_0' },
    ]);
  });

  it('asks for as many samples as Zapier wants, within a bound', async () => {
    const relay = nock(RELAY)
      .get('/api/connections/conn_1/responses')
      .query({ limit: '50' })
      .reply(200, { data: [] });

    await appTester(performList, {
      authData,
      inputData: { connectionId: 'conn_1' },
      meta: { limit: 500 },
    });

    expect(relay.isDone()).toBe(true);
  });
});
