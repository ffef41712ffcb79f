package org.h2.mvstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one place that uses H2 internals (it lives in H2's package for that; H2 is pinned in the
 * pom by an enforcer rule). The store's file, with a compaction that moves the live pages of
 * mostly dead chunks only. H2's public compaction (MVStore.compact) takes chunks of any fill,
 * the oldest first, so under steady writes it moves the same full, cold chunks again and again;
 * FileStore's protected rewriteChunks(writeLimit, targetFillRate) takes only chunks filled below
 * a rate. FileStore also looks at every chunk of the file each time it compacts (20,000 chunks at
 * 100,000 messages, a third of the commit thread's time), so the candidates it is offered are
 * the chunks found sparse at a scan every `rescanNanos`. A chunk freed since is dropped here:
 * FileStore moves chunks by id, and a new chunk may have taken the id.
 *
 * <p>Uses: FileStore.rewriteChunks (protected), getRewriteCandidates (protected hook), the
 * package-private FileStore.chunks, SFChunk, Chunk.isLive/getFillRate and
 * MVStore.tryExecuteUnderStoreLock. H2 2.5.250 made `chunks` private: upgrading H2 means
 * rewriting or deleting this class (the store runs without online compaction then).
 */
public final class SparseChunkCompaction extends SingleFileStore {
    private final int maxFillPercent;
    private final long rescanNanos;
    private List<SFChunk> candidates = new ArrayList<>();
    private long scannedAt;

    public SparseChunkCompaction(Map<String, Object> config, int maxFillPercent, long rescanNanos) {
        super(config);
        this.maxFillPercent = maxFillPercent;
        this.rescanNanos = rescanNanos;
        this.scannedAt = System.nanoTime() - rescanNanos; // the first call scans
    }

    /**
     * Moves the live pages out of chunks filled at most `maxFillPercent`, up to about
     * `writeLimit` bytes, into the next commit. Returns whether it moved any.
     */
    public boolean rewriteSparseChunks(int writeLimit) throws InterruptedException {
        Boolean moved = getMvStore().tryExecuteUnderStoreLock(
                () -> rewriteChunks(writeLimit, maxFillPercent));
        return moved != null && moved;
    }

    // Called by FileStore.findOldChunks under its serialization lock: one caller at a time.
    @Override
    public Collection<SFChunk> getRewriteCandidates() {
        long now = System.nanoTime();
        if (now - scannedAt >= rescanNanos) {
            List<SFChunk> sparse = new ArrayList<>();
            for (SFChunk chunk : chunks.values()) {
                if (chunk.isLive() && chunk.getFillRate() <= maxFillPercent) sparse.add(chunk);
            }
            candidates = sparse;
            scannedAt = now;
        } else {
            candidates.removeIf(chunk -> chunks.get(chunk.id) != chunk);
        }
        return candidates;
    }
}
