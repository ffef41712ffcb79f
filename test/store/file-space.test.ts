// The embedded store's file reuses the space of what it no longer holds, also while writes
// keep coming and every commit leaves a little live data behind: the case in which MVStore's
// own compaction either did nothing (the file grew with every write) or moved the same cold
// pages again and again (and halved the accepts/s with 100,000 messages stored).
import { mkdtempSync, rmSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@jest/globals';
import { MongoClient, type Collection } from 'mongodb';
import { startStoreOnDir } from '../support/embedded-store.js';
import { scaledMs } from '../support/time-scale.js';

const HOT_DOCUMENTS = 20;
const HOT_BYTES = 20_000;
/** Spread over enough pages that each commit's cold insert keeps a page of its chunk live. */
const COLD_DOCUMENTS = 20_000;
// Wall-clock phases: the store keeps a dead chunk 5 s before reusing its space.
const SETTLE_MS = 10_000;
const MEASURE_MS = 15_000;

interface Doc {
  _id: string;
  payload: string;
}

/** Bytes the process has written so far, files included (Linux). */
function bytesWritten(pid: number): number {
  const match = /^wchar: (\d+)$/m.exec(readFileSync(`/proc/${String(pid)}/io`, 'utf8'));
  if (!match?.[1]) throw new Error(`no wchar in /proc/${String(pid)}/io`);
  return Number(match[1]);
}

function coldId(): string {
  return `cold-${randomBytes(8).toString('hex')}`;
}

/**
 * One command, so one commit: every hot document rewritten, and one small document inserted
 * among the cold ones, whose page then stays live in that commit's chunk.
 */
async function round(docs: Collection<Doc>): Promise<void> {
  await docs.bulkWrite([
    ...Array.from({ length: HOT_DOCUMENTS }, (_, i) => ({
      replaceOne: {
        filter: { _id: `hot-${String(i)}` },
        replacement: { payload: randomBytes(HOT_BYTES / 2).toString('hex') },
        upsert: true,
      },
    })),
    // An upsert, not an insert: the driver sends each kind of operation as its own command.
    {
      updateOne: {
        filter: { _id: coldId() },
        update: { $set: { payload: 'cold' } },
        upsert: true,
      },
    },
  ]);
}

async function roundsFor(ms: number, docs: Collection<Doc>) {
  const until = performance.now() + ms;
  while (performance.now() < until) await round(docs);
}

test(
  'under steady rewrites, the file grows by much less than the store writes',
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fourthchat-file-space-'));
    const store = await startStoreOnDir(dataDir);
    const client = await MongoClient.connect(store.uri);
    const file = join(dataDir, 'relay.mv.db');
    const pid = store.process.pid;
    if (pid === undefined) throw new Error('the store has no pid');
    try {
      const docs = client.db('space').collection<Doc>('docs');
      await docs.insertMany(
        Array.from({ length: COLD_DOCUMENTS }, () => ({ _id: coldId(), payload: 'cold' })),
      );
      await roundsFor(SETTLE_MS, docs);

      const sizeBefore = statSync(file).size;
      const writtenBefore = bytesWritten(pid);
      await roundsFor(MEASURE_MS, docs);
      const growth = statSync(file).size - sizeBefore;
      const written = bytesWritten(pid) - writtenBefore;

      // Kept whole, the file would grow by about all it was written. Reused, it grows by
      // the cold inserts and by what a faster phase keeps for 5 s more (under a third).
      expect(written).toBeGreaterThan(20 * 1024 * 1024);
      expect(growth / written).toBeLessThan(0.5);
    } finally {
      await client.close();
      await store.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  scaledMs(60_000) + SETTLE_MS + MEASURE_MS,
);
