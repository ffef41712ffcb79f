package chat.fourth.store;

import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * A read walks the maps as they were when it began. MVStore drops a chunk of the file once
 * no version it keeps uses it, and it keeps only the last few versions unless a reader
 * registers one: with a commit every few milliseconds under load, a scan that took longer
 * could read a page from a dropped chunk ("Chunk N not found"). On a large file that had
 * garbage to compact, the store failed to start three times in three: rebuilding an index
 * when the database opened read the collection while the background writer compacted.
 */
final class PinnedVersion {
    private PinnedVersion() {}

    /** Runs `work` with the store's current version, and the chunks it uses, kept. */
    static <T> T during(MVStore store, Supplier<T> work) {
        MVStore.TxCounter pin = store.registerVersionUsage();
        try {
            return work.get();
        } finally {
            store.deregisterVersionUsage(pin);
        }
    }
}
