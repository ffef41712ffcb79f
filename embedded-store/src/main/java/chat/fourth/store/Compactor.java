package chat.fourth.store;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.ChunkRewriting;
import org.h2.mvstore.MVStore;

/**
 * Frees the file's space held by chunks that are mostly dead, moving each live page once.
 *
 * <p>H2's own background compaction (off in StoreFile) moves live pages into the next
 * commit, among the pages the writers changed; those soon die, the chunk is mostly dead
 * again, and the same cold pages move again. It also takes chunks by age, full ones too.
 * With 100,000 messages stored that cost the store half its accepts per second. Here the
 * commit thread, between two rounds, holds new writes back, moves the live pages of chunks
 * at most a tenth live, and commits them alone: the chunk they land in holds only pages that
 * have stayed live, and stays full.
 */
final class Compactor {
    // Chunks at most this full are freed: moving a tenth to free the rest keeps the moving
    // small against the writes (a fifth cost 20-35 KB written per message at full load).
    static final int MAX_FILL_PERCENT = 10;
    // Writes wait while pages move: a little, often, keeps each wait to a few milliseconds.
    private static final int WRITE_LIMIT_BYTES = 256 * 1024;
    private static final long PERIOD_NANOS = 25_000_000L;

    private final MVStore store;
    private final Lock writing;
    private final Lock compacting;
    private long last = System.nanoTime();

    Compactor(MVStore store) {
        this.store = store;
        ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
        this.writing = gate.readLock();
        this.compacting = gate.writeLock();
    }

    /** Runs a write command; writes run together, but not while pages are being moved. */
    <T> T write(Supplier<T> command) {
        writing.lock();
        try {
            return command.get();
        } finally {
            writing.unlock();
        }
    }

    /** From the commit thread after a round: compacts at most every PERIOD_NANOS. */
    void afterCommit() {
        long now = System.nanoTime();
        if (now - last < PERIOD_NANOS) return;
        last = now;
        compacting.lock();
        try {
            store.commit(); // what was written since the round, so the moved pages commit alone
            if (ChunkRewriting.rewriteSparseChunks(store, WRITE_LIMIT_BYTES, MAX_FILL_PERCENT)) {
                store.commit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            compacting.unlock();
        }
    }
}
