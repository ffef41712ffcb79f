// The first start on an empty store without RELAY_BOOTSTRAP_API_KEY creates a workspace and
// prints its key once, the relay's address and a curl command that works as pasted.
// Needs relay/dist (npx tsc -b relay).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, expect, jest, test } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { apiClient } from '../support/api-client.js';
import { testMongoUrl } from '../support/mongo.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { scaledMs } from '../support/time-scale.js';

jest.setTimeout(scaledMs(30_000));

const database = `relay_first_${randomBytes(6).toString('hex')}`;
const running: RelayProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((relay) => relay.stop('SIGKILL')));
  const mongo = await MongoClient.connect(testMongoUrl());
  await mongo.db(database).dropDatabase();
  await mongo.close();
});

/** An empty RELAY_BOOTSTRAP_API_KEY counts as unset, as in an env file with `KEY=`. */
async function startWithoutBootstrapKey(port: number): Promise<RelayProcess> {
  const relay = await startRelayProcess({ port, database, env: { RELAY_BOOTSTRAP_API_KEY: '' } });
  running.push(relay);
  return relay;
}

/** The printed curl command, joined from its continued lines. */
function curlCommand(output: string): string {
  const start = output.indexOf('curl ');
  const end = output.indexOf("}'", start) + 2;
  return output.slice(start, end).replace(/\\\n\s*/g, '');
}

test('prints a new key, the address and a working curl; a restart prints no key', async () => {
  const port = await freePort();
  const first = await startWithoutBootstrapKey(port);

  const output = first.output();
  const key = /^\s+(fck_[A-Za-z0-9_-]{20,})$/m.exec(output)?.[1];
  expect(key).toBeDefined();
  expect(output).toContain(`FourthChat Relay is running at ${first.baseUrl}`);
  expect(output).toContain(`${first.baseUrl}/openapi.json`);
  const curl = curlCommand(output);
  expect(curl).toContain(`${first.baseUrl}/api/chatbots`);
  expect(curl).toContain(`Authorization: Bearer ${key}`);

  const pasted = await promisify(execFile)('sh', ['-c', curl]);
  expect(JSON.parse(pasted.stdout)).toEqual(
    expect.objectContaining({ id: expect.any(String), name: 'Support bot' }),
  );
  const api = apiClient(first.baseUrl, key ?? '');
  expect((await api('/api/me')).status).toBe(200);
  expect((await api('/api/chatbots')).body.data).toHaveLength(1);

  await first.stop();
  const second = await startWithoutBootstrapKey(port);
  expect(second.output()).not.toMatch(/fck_/);
  expect(second.output()).toContain('Bearer <your API key>');
  expect((await api('/api/me')).status).toBe(200);
  await second.stop();
});
