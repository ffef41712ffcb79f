// A public service's manners: exact metadata, abandoned requests are not errors, slow headers
// are dropped, and /metrics can be closed with a token.
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { pino } from 'pino';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createInProcessJobs } from '../../relay/src/jobs/in-process-jobs.js';
import { createMemoryStore } from '../../relay/src/store/memory/memory-store.js';
import { createConnection, startRelayOn, type TestRelay } from '../support/relay-harness.js';
import { countingStore } from '../support/store-reads.js';
import { waitFor } from '../support/wait.js';

const METRICS_TOKEN = 'metrics-token-0123456789';
const logLines: { level: number; msg: string; status?: number }[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(JSON.parse(chunk.toString()) as (typeof logLines)[number]);
    done();
  },
});

let relay: TestRelay;
let receiver: Receiver;
let connectionId: string;
const counting = countingStore(createMemoryStore());
/**
 * Store calls of the message path and the API: not those on timers of their own (the health
 * figures' flush, the recovery sweep).
 */
const calls = () =>
  counting.calls.filter(
    (call) => !call.startsWith('targetHealth.') && call !== 'conversations.pendingBefore',
  );

beforeAll(async () => {
  receiver = await startReceiver();
  relay = await startRelayOn(counting.store, (deps) => createInProcessJobs(deps), {
    settings: { headersTimeoutMs: 500, metricsToken: METRICS_TOKEN },
    deps: { logger: pino({ level: 'info' }, logSink) },
  });
  ({ connectionId } = await createConnection(relay, receiver.url));
});
afterAll(async () => {
  await relay.close();
  await receiver.close();
});

test('metadata round-trips exactly, a __proto__ key included, as data', async () => {
  const metadata = '{"__proto__":{"isAdmin":true},"constructor":"c","plain":1}';
  const response = await fetch(`${relay.url}/api/webhooks/incoming?wait=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${relay.apiKey}`, 'content-type': 'application/json' },
    body: `{"connectionId":"${connectionId}","message":"proto","metadata":${metadata}}`,
  });
  const text = await response.text();

  expect(response.status).toBe(200);
  expect(text).toContain(`"metadata":${metadata}`);
  const delivered = await waitFor(
    () => receiver.requests.find((r) => r.body.includes('"[echo] proto"')),
    { what: 'the delivery' },
  );
  expect(delivered.body).toContain(`"metadata":${metadata}`);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});

test('a client that hangs up mid-request is logged as 499 at info, not as a 500 error', async () => {
  const { port } = new URL(relay.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    'POST /api/webhooks/incoming HTTP/1.1\r\nHost: x\r\n' +
      `Authorization: Bearer ${relay.apiKey}\r\nContent-Type: application/json\r\n` +
      'Content-Length: 1000\r\n\r\n{"connectionId":',
  );
  socket.destroy();

  const line = await waitFor(() => logLines.find((l) => l.status === 499), {
    what: 'the request logged as 499',
  });
  expect(line.level).toBe(30);
  expect(logLines.filter((l) => l.level >= 50)).toEqual([]);
});

test('a client that dribbles its headers is dropped after the headers timeout', async () => {
  const { port } = new URL(relay.url);
  const socket = connect(Number(port), '127.0.0.1');
  let closed = false;
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  socket.write('GET /healthz HTTP/1.1\r\n');
  const dribble = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
  try {
    await waitFor(() => closed, { what: 'the server to drop the slow client' });
  } finally {
    clearInterval(dribble);
    socket.destroy();
  }
  expect(closed).toBe(true);
});

test('/metrics wants the token when RELAY_METRICS_TOKEN is set', async () => {
  const without = await fetch(`${relay.url}/metrics`);
  const wrong = await fetch(`${relay.url}/metrics`, {
    headers: { authorization: 'Bearer not-the-token-at-all' },
  });
  const right = await fetch(`${relay.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });

  expect([without.status, wrong.status, right.status]).toEqual([401, 401, 200]);
  expect(await right.text()).toMatch(/^relay_http_requests_total/m);
});

test('/metrics and /openapi.json read nothing from the store', async () => {
  const before = calls().length;

  const metrics = await fetch(`${relay.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const first = await fetch(`${relay.url}/openapi.json`);
  const second = await fetch(`${relay.url}/openapi.json`);

  expect([metrics.status, first.status, second.status]).toEqual([200, 200, 200]);
  expect(await first.text()).toBe(await second.text());
  expect(calls().slice(before)).toEqual([]);
});
