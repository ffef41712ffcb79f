// Secret rotation: the new secret signs at once; during the overlap (24 h) webhook-signature
// also carries a v1 signature made with the old one; after it, only the new one.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type ReceivedRequest, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { specSignatureMatches, standardSignatures, verifiesWith } from '../support/signatures.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

const OVERLAP_MS = 24 * 60 * 60 * 1000;
const ORIGINAL_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The relay's clock: real time plus an offset the last test moves past the overlap. */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

let relay: TestRelay;
let receiver: Receiver;
beforeAll(async () => {
  relay = await startTestRelay({
    deps: { clock: { now } },
    settings: { retryScheduleMs: [300, 300, 300], recoveryIntervalMs: 200 },
  });
  // Refuses deliveries signed (sha256=) with the original secret: a retry loop until rotation.
  receiver = await startReceiver((request) => ({
    status:
      specSignatureMatches(request, ORIGINAL_SECRET) && request.path.includes('strict') ? 500 : 200,
  }));
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

async function connection(path = 'plain'): Promise<string> {
  const created = await createConnection(relay, `${receiver.url}/${path}`, {
    secret: ORIGINAL_SECRET,
  });
  return created.connectionId;
}

async function rotate(connectionId: string): Promise<string> {
  const response = await relay.api(`/api/connections/${connectionId}/rotate-secret`, {
    method: 'POST',
  });
  expect(response.status).toBe(200);
  return response.body.secret as string;
}

async function delivered(connectionId: string, message: string): Promise<ReceivedRequest> {
  await relay.api('/api/webhooks/incoming', { body: { connectionId, message } });
  return waitFor(() => receiver.requests.find((r) => r.body.includes(`[echo] ${message}`)), {
    what: `the reply to "${message}"`,
  });
}

function standardWebhooksAccepts(request: ReceivedRequest, secret: string): boolean {
  try {
    new Webhook(secret.replace(/^whsec_/, '')).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Which of `secrets` each verifier accepts for `request`. The standardwebhooks package checks
 * the timestamp against the real clock, so it sits out once the relay's clock is moved.
 */
function acceptedSecrets(request: ReceivedRequest, secrets: string[]) {
  return {
    shared: secrets.filter((secret) => verifiesWith(request, secret, now())),
    ...(offsetMs === 0
      ? { standardwebhooks: secrets.filter((secret) => standardWebhooksAccepts(request, secret)) }
      : {}),
    sha256: secrets.filter((secret) => specSignatureMatches(request, secret)),
  };
}

test('rotating answers the new secret and the end of the overlap; reads never show a secret', async () => {
  const connectionId = await connection();
  const rotatedAt = now().getTime();

  const response = await relay.api(`/api/connections/${connectionId}/rotate-secret`, {
    method: 'POST',
  });

  expect(response.status).toBe(200);
  expect(response.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  expect(response.body.secret).not.toBe(ORIGINAL_SECRET);
  const expiresAt = Date.parse(response.body.previousSecretExpiresAt);
  expect(expiresAt - rotatedAt).toBeGreaterThanOrEqual(OVERLAP_MS);
  expect(expiresAt - rotatedAt).toBeLessThan(OVERLAP_MS + scaledMs(5_000));
  expect((await relay.api(`/api/connections/${connectionId}`)).body).not.toHaveProperty('secret');
  const listed = (await relay.api('/api/connections')).body.data as Record<string, unknown>[];
  expect(listed.filter((c) => 'secret' in c)).toEqual([]);
});

test('after two quick rotations the latest secret signs sha256= and both predecessors still co-sign', async () => {
  const connectionId = await connection();
  const second = await rotate(connectionId);
  const third = await rotate(connectionId);

  const request = await delivered(connectionId, 'after two rotations');

  const accepted = acceptedSecrets(request, [ORIGINAL_SECRET, second, third]);
  expect(accepted).toEqual({
    shared: [ORIGINAL_SECRET, second, third],
    standardwebhooks: [ORIGINAL_SECRET, second, third],
    sha256: [third],
  });
});

test('rotating many times keeps the newest three predecessors co-signing, no more', async () => {
  const connectionId = await connection();
  const rotated = [];
  for (let i = 0; i < 5; i++) rotated.push(await rotate(connectionId));

  const request = await delivered(connectionId, 'after five rotations');

  const candidates = [ORIGINAL_SECRET, ...rotated];
  expect(acceptedSecrets(request, candidates).standardwebhooks).toEqual(rotated.slice(1));
  expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(4);
});

test('a retry after a rotation is signed with the new secret', async () => {
  const connectionId = await connection('strict');
  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'retry me' } });
  await waitFor(() => receiver.requests.some((r) => r.path.includes('strict')), {
    what: 'the first, refused attempt',
  });

  const rotated = await rotate(connectionId);

  const accepted = await waitFor(
    () =>
      receiver.requests.find((r) => r.path.includes('strict') && specSignatureMatches(r, rotated)),
    { what: 'a retry signed with the new secret' },
  );
  expect(verifiesWith(accepted, ORIGINAL_SECRET, now())).toBe(true);
});

describe('one rotation, inside and then after the 24 h overlap', () => {
  let connectionId: string;
  let rotated: string;
  beforeAll(async () => {
    connectionId = await connection();
    rotated = await rotate(connectionId);
  });

  test('inside it, webhook-signature has two v1 entries and both secrets verify; sha256= is the new one', async () => {
    const request = await delivered(connectionId, 'inside the overlap');

    expect(standardSignatures(request)).toEqual([
      expect.stringMatching(/^v1,/),
      expect.stringMatching(/^v1,/),
    ]);
    expect(acceptedSecrets(request, [ORIGINAL_SECRET, rotated])).toEqual({
      shared: [ORIGINAL_SECRET, rotated],
      standardwebhooks: [ORIGINAL_SECRET, rotated],
      sha256: [rotated],
    });
  });

  test('after it, only the new secret signs', async () => {
    offsetMs = OVERLAP_MS + 1_000;

    const request = await delivered(connectionId, 'after the overlap');

    expect(standardSignatures(request)).toHaveLength(1);
    expect(acceptedSecrets(request, [ORIGINAL_SECRET, rotated])).toEqual({
      shared: [rotated],
      sha256: [rotated],
    });
  });
});
