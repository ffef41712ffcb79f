// The embedded store killed (SIGKILL) at random moments under insert, update and delete load over
// the wire, 30 times on one data directory. After each kill every acknowledged write is there,
// no document is torn (each holds one write's fields), and the store's own check of every
// document against every unique index (_id and k) at open found them in agreement before any
// repair: no document split from its index entries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, jest, test } from '@jest/globals';
import { MongoClient, type Collection } from 'mongodb';
import type { EmbeddedStore } from '@fourthchat/embedded-store';
import { startStoreOnDir } from '../support/embedded-store.js';
import { scaled, seededRandom, testSeed } from '../support/scale.js';
import { scaledMs } from '../support/time-scale.js';

const CRASHES = scaled(30, 100);
const WRITERS = 8;
const FIELDS = 6;

jest.setTimeout(scaledMs(CRASHES * 10_000));

interface Fields {
  k: string;
  [field: string]: string | number;
}
interface Doc extends Fields {
  _id: string;
}
type Op = { kind: 'insert' | 'update' | 'delete'; id: string; n: number };

const dataDir = mkdtempSync(join(tmpdir(), 'fourthchat-store-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every field holds `n`, and the unique key names it too: a torn document shows. */
function fields(id: string, n: number): Fields {
  const doc: Fields = { k: `${id}/${String(n)}` };
  for (let i = 0; i < FIELDS; i++) doc[`f${String(i)}`] = n;
  return doc;
}

class Model {
  /** What each document is as acknowledged: its `n`, or null once deleted. */
  readonly acknowledged = new Map<string, number | null>();
  /** Each writer's operation sent but not acknowledged when the store died. */
  readonly inFlight = new Map<number, Op>();
  writes = 0;
}

async function load(
  docs: Collection<Doc>,
  model: Model,
  random: () => number,
  stop: () => boolean,
) {
  const owned = [...model.acknowledged].filter(([, n]) => n !== null).map(([id]) => id);
  const run = Math.floor(random() * 1e9).toString(36);
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      const mine = owned.filter((_, index) => index % WRITERS === writer);
      for (let n = 1; !stop(); n++) {
        const pick = random();
        const op: Op =
          mine.length === 0 || pick < 0.4
            ? { kind: 'insert', id: `${run}-w${String(writer)}-${String(n)}`, n }
            : pick < 0.9
              ? { kind: 'update', id: mine[Math.floor(random() * mine.length)] ?? '', n }
              : {
                  kind: 'delete',
                  id: mine.splice(Math.floor(random() * mine.length), 1)[0] ?? '',
                  n,
                };
        model.inFlight.set(writer, op);
        try {
          if (op.kind === 'insert') await docs.insertOne({ _id: op.id, ...fields(op.id, n) });
          if (op.kind === 'update')
            await docs.updateOne({ _id: op.id }, { $set: fields(op.id, n) });
          if (op.kind === 'delete') await docs.deleteOne({ _id: op.id });
        } catch {
          return; // the store died under it: what it did is unknown, the op stays in flight
        }
        model.inFlight.delete(writer);
        model.writes++;
        model.acknowledged.set(op.id, op.kind === 'delete' ? null : n);
        if (op.kind === 'insert') mine.push(op.id);
      }
    }),
  );
}

/** Checks the store against the model, then makes the model what the store holds. */
async function verify(docs: Collection<Doc>, model: Model, crash: number) {
  const stored = new Map((await docs.find({}).toArray()).map((doc) => [doc._id, doc]));
  const problems: string[] = [];
  for (const doc of stored.values()) {
    const n = doc.f0;
    const torn = Array.from({ length: FIELDS }, (_, i) => doc[`f${String(i)}`]).some(
      (f) => f !== n,
    );
    if (torn || doc.k !== `${doc._id}/${String(n)}`) problems.push(`torn ${JSON.stringify(doc)}`);
  }
  const pending = new Map([...model.inFlight.values()].map((op) => [op.id, op]));
  for (const [id, n] of model.acknowledged) {
    const found = stored.get(id)?.f0 ?? null;
    const op = pending.get(id);
    const asPending = op && found === (op.kind === 'delete' ? null : op.n);
    if (found !== n && !asPending)
      problems.push(`${id}: acknowledged ${String(n)}, found ${String(found)}`);
  }
  expect({ crash, problems: problems.slice(0, 5) }).toEqual({ crash, problems: [] });
  model.acknowledged.clear();
  model.inFlight.clear();
  for (const [id, doc] of stored) model.acknowledged.set(id, doc.f0 as number);
}

test(`${String(CRASHES)} kills of the store under load lose, tear and split nothing`, async () => {
  const seed = testSeed();
  const random = seededRandom(seed);
  const model = new Model();
  let store: EmbeddedStore | undefined;
  try {
    for (let crash = 0; crash <= CRASHES; crash++) {
      store = await startStoreOnDir(dataDir);
      if (crash > 0) {
        expect({ seed, crash, opened: store.startupOutput.trim() }).toEqual({
          seed,
          crash,
          opened: expect.stringMatching(/unique indexes against their documents: all agree$/),
        });
      }
      const client = await MongoClient.connect(store.uri, {
        retryWrites: false,
        serverSelectionTimeoutMS: scaledMs(2_000),
      });
      const docs = client.db('crash').collection<Doc>('docs');
      await docs.createIndex({ k: 1 }, { unique: true });
      await verify(docs, model, crash);
      if (crash === CRASHES) {
        await client.close();
        await store.stop();
        break;
      }
      let stopped = false;
      const running = load(docs, model, random, () => stopped);
      const killAfter = 200 + random() * 1_000;
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      await store.kill();
      stopped = true;
      await running;
      await client.close(true);
    }
  } finally {
    await store?.kill();
  }
  expect(model.writes).toBeGreaterThan(CRASHES * 10);
});
