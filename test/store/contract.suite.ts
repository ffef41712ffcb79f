// What the relay relies on from any store, real MongoDB or embedded (in memory or on its file):
// single-document atomicity under concurrency (sequence counters, claims, leases) and unique
// keys. One suite, run against every store the relay can have (contract*.test.ts).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { MongoClient, MongoServerError, type Collection, type Db } from 'mongodb';
import { scaledMs } from '../support/time-scale.js';

const timeoutMs = scaledMs(60_000);

export interface ContractStore {
  /** mongodb:// URL of a database of its own. */
  url: string;
  close(): Promise<void>;
}

/** Runs `task(i)` for i in [0, count) with at most `callers` in flight. */
async function withCallers(
  count: number,
  callers: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const caller = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: callers }, caller));
}

interface Counter {
  _id: string;
  n: number;
  note?: number;
}
interface Job {
  _id: number;
  status: string;
  owner?: number;
}
interface Keyed {
  key: string;
  by: number;
}

/** The contract's tests, against the store `open` gives (once for the whole suite). */
export function storeContract(name: string, open: () => Promise<ContractStore>): void {
  describe(`store contract: ${name}`, () => {
    let store: ContractStore;
    /** Clients on the same database: concurrency across connection pools, as across processes. */
    let clients: MongoClient[];
    let dbs: Db[];

    beforeAll(async () => {
      store = await open();
      clients = await Promise.all(
        Array.from({ length: 4 }, () => MongoClient.connect(store.url, { maxPoolSize: 64 })),
      );
      dbs = clients.map((client) => client.db());
    }, timeoutMs);
    afterAll(async () => {
      await Promise.all(clients.map((client) => client.close()));
      await store.close();
    });

    /** The collection through client number `caller` (round robin), to spread callers over pools. */
    function through<T extends object>(collection: string, caller = 0): Collection<T> {
      const db = dbs[caller % dbs.length];
      if (!db) throw new Error('no client');
      return db.collection<T>(collection);
    }

    test(
      '1,000 concurrent $inc through findOneAndUpdate each see a distinct value',
      async () => {
        await through<Counter>('counters').insertOne({ _id: 'c', n: 0 });
        const seen = await Promise.all(
          Array.from({ length: 1_000 }, async (_, index) => {
            const before = await through<Counter>('counters', index).findOneAndUpdate(
              { _id: 'c' },
              { $inc: { n: 1 } },
              { returnDocument: 'before' },
            );
            return before?.n;
          }),
        );
        const final = await through<Counter>('counters').findOne({ _id: 'c' });
        expect({ distinct: new Set(seen).size, final: final?.n }).toEqual({
          distinct: 1_000,
          final: 1_000,
        });
      },
      timeoutMs,
    );

    test(
      '8 claimers over 500 pending documents claim each exactly once',
      async () => {
        await through<Job>('jobs').insertMany(
          Array.from({ length: 500 }, (_, index) => ({ _id: index, status: 'pending' })),
        );
        const claims = new Map<number, number[]>();
        await Promise.all(
          Array.from({ length: 8 }, async (_, owner) => {
            const mine = through<Job>('jobs', owner);
            for (;;) {
              const claimed = await mine.findOneAndUpdate(
                { status: 'pending' },
                { $set: { status: 'claimed', owner } },
                { returnDocument: 'before' },
              );
              if (!claimed) return;
              claims.set(claimed._id, [...(claims.get(claimed._id) ?? []), owner]);
            }
          }),
        );
        const claimedTwice = [...claims.values()].filter((owners) => owners.length > 1).length;
        const stillPending = await through<Job>('jobs').countDocuments({ status: 'pending' });
        expect({ claimed: claims.size, claimedTwice, stillPending }).toEqual({
          claimed: 500,
          claimedTwice: 0,
          stillPending: 0,
        });
      },
      timeoutMs,
    );

    test(
      '500 $inc racing 500 $set of another field on one document lose no increment',
      async () => {
        await through<Counter>('mixed').insertOne({ _id: 'm', n: 0, note: 0 });
        await withCallers(1_000, 16, async (index) => {
          const collection = through<Counter>('mixed', index);
          await (index % 2 === 0
            ? collection.updateOne({ _id: 'm' }, { $inc: { n: 1 } })
            : collection.updateOne({ _id: 'm' }, { $set: { note: index } }));
        });
        const final = await through<Counter>('mixed').findOne({ _id: 'm' });
        expect(final?.n).toBe(500);
      },
      timeoutMs,
    );

    test(
      'a unique index refuses duplicates, also when they race',
      async () => {
        await through<Keyed>('keyed').createIndex({ key: 1 }, { unique: true });
        await through<Keyed>('keyed').insertOne({ key: 'first', by: 0 });
        await expect(
          through<Keyed>('keyed', dbs.length - 1).insertOne({ key: 'first', by: 1 }),
        ).rejects.toMatchObject({ code: 11000 });

        const outcomes = await Promise.allSettled(
          Array.from({ length: 64 }, (_, by) =>
            through<Keyed>('keyed', by).insertOne({ key: 'raced', by }),
          ),
        );
        const refusedAsDuplicate = outcomes.filter(
          (outcome) =>
            outcome.status === 'rejected' &&
            outcome.reason instanceof MongoServerError &&
            outcome.reason.code === 11000,
        ).length;
        expect({
          won: outcomes.filter((outcome) => outcome.status === 'fulfilled').length,
          refusedAsDuplicate,
          stored: await through<Keyed>('keyed').countDocuments({ key: 'raced' }),
        }).toEqual({ won: 1, refusedAsDuplicate: 63, stored: 1 });
      },
      timeoutMs,
    );
  });
}
