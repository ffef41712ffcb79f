package org.h2.mvstore;

/**
 * Reaches the one MVStore method the store's compactor needs that H2 does not make public.
 * MVStore.compact() offers every chunk older than the retention time, the oldest first, so
 * under steady writes it moves the same full, cold chunks again and again; FileStore's own
 * rewriteChunks(writeLimit, targetFillRate) takes only chunks filled below a given rate.
 * It lives in H2's package for that access; H2 is pinned in the pom (2.3.232).
 */
public final class ChunkRewriting {
    private ChunkRewriting() {}

    /**
     * Moves the live pages out of chunks filled at most `maxFillPercent`, up to about
     * `writeLimit` bytes, into the next commit. Returns whether it moved any.
     */
    public static boolean rewriteSparseChunks(MVStore store, int writeLimit, int maxFillPercent)
            throws InterruptedException {
        FileStore<?> fileStore = store.getFileStore();
        Boolean moved = store.tryExecuteUnderStoreLock(
                () -> fileStore.rewriteChunks(writeLimit, maxFillPercent));
        return moved != null && moved;
    }
}
