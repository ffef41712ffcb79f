// The relay's watch over its embedded store, with real store processes: a store that ends
// unexpectedly is restarted once on the same port (every client's URI stays valid); when it
// fails again the relay gives up, so that its own supervisor sees it. A stop is no failure.
import { afterEach, expect, test } from '@jest/globals';
import { Writable } from 'node:stream';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { startEmbeddedStore, type EmbeddedStore } from '@fourthchat/embedded-store';
import { superviseStore, type SupervisedStore } from '../../relay/src/app/store-supervisor.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

const started: EmbeddedStore[] = [];
let supervised: SupervisedStore | undefined;

afterEach(async () => {
  await supervised?.stop();
  await Promise.all(started.map((store) => store.kill()));
  started.length = 0;
});

function supervise() {
  const lines: string[] = [];
  const giveUps: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n'));
        done();
      },
    }),
  );
  const run = superviseStore({
    start: async (port) => {
      const store = await startEmbeddedStore({
        mode: { memory: true },
        listen: { port },
        environment: process.env,
        startTimeoutMs: scaledMs(30_000),
      });
      started.push(store);
      return store;
    },
    logger,
    giveUp: (reason) => giveUps.push(reason),
  });
  return { run, lines, giveUps };
}

async function answers(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: scaledMs(2_000) });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

test('a stop asked for is no failure: nothing restarts, nobody gives up', async () => {
  const { run, lines, giveUps } = supervise();
  const store = await run;
  await store.stop();
  await started[0]?.exited;
  expect({
    starts: started.length,
    giveUps,
    restarts: lines.filter((l) => l.includes('restart')),
  }).toEqual({ starts: 1, giveUps: [], restarts: [] });
});

test('a store that ends by itself is restarted on the same port, then a second end gives up', async () => {
  const { run, lines, giveUps } = supervise();
  supervised = await run;
  const first = started[0];
  if (!first) throw new Error('not started');
  first.process.kill('SIGKILL'); // not through the handle: the store died on its own

  await waitFor(() => started.length === 2 && lines.some((l) => l.includes('store restarted')), {
    timeoutMs: 30_000,
    what: 'the restart',
  });
  expect(started[1]?.port).toBe(first.port);
  expect(await answers(supervised.uri)).toBe(true);
  expect(giveUps).toEqual([]);

  started[1]?.process.kill('SIGKILL');
  await waitFor(() => giveUps.length === 1, { timeoutMs: 30_000, what: 'giving up' });
  expect(giveUps[0]).toMatch(/failed again \(signal SIGKILL\) after its restart/);
  expect(started).toHaveLength(2);
});
