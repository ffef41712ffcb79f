package chat.fourth.store;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.RelayFileStore;

/**
 * Frees the file's space held by chunks that are mostly dead, moving each live page once.
 *
 * <p>H2's own background compaction (off in StoreFile) moves live pages into the next
 * commit, among the pages the writers changed; those soon die, the chunk is mostly dead
 * again, and the same cold pages move again. It also takes chunks by age, full ones too.
 * With 100,000 messages stored that cost the store half its accepts per second. Here the
 * commit thread, right after a commit and while no command runs, moves the live pages of
 * chunks at most a tenth live and commits them alone: the chunk they land in holds only pages
 * that have stayed live, and stays full.
 */
final class Compactor {
    // Chunks at most this full are freed: moving a tenth to free the rest keeps the moving
    // small against the writes (a fifth cost 20-35 KB written per message at full load).
    static final int MAX_FILL_PERCENT = 10;
    // Writes wait while pages move: a little, often, keeps each wait to a few milliseconds.
    private static final int WRITE_LIMIT_BYTES = 256 * 1024;
    private static final long PERIOD_NANOS = 25_000_000L;

    private final MVStore store;
    private final RelayFileStore file;
    private long last = System.nanoTime();

    /** A compactor that does nothing unless the store's file compacts. */
    Compactor(MVStore store) {
        this.store = store;
        this.file = store.getFileStore() instanceof RelayFileStore relay && relay.compacts()
                ? relay
                : null;
    }

    /**
     * From the commit thread, after a commit, while no command runs: compacts at most every
     * PERIOD_NANOS, committing the moved pages alone.
     */
    void compactIfDue() {
        if (file == null) return;
        long now = System.nanoTime();
        if (now - last < PERIOD_NANOS) return;
        last = now;
        try {
            if (file.rewriteSparseChunks(WRITE_LIMIT_BYTES)) store.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
