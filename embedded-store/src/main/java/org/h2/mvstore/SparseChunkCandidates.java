package org.h2.mvstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The store's file, whose compaction considers only the chunks that were sparse at the last
 * scan. FileStore looks at every chunk of the file each time it compacts; with 100,000
 * messages stored that is 20,000 chunks, forty times a second under load, and a third of the
 * commit thread's time went to it. A chunk that turns sparse in between waits for the next
 * scan; one that was refilled is passed over, as FileStore checks each candidate. A chunk
 * freed since is dropped here: FileStore moves chunks by id, and a new chunk may have taken
 * the id (too young to move, and FileStore would not check it).
 * It lives in H2's package to read a chunk's fill; H2 is pinned in the pom (2.3.232).
 */
public final class SparseChunkCandidates extends SingleFileStore {
    private final int maxFillPercent;
    private final long rescanNanos;
    private List<SFChunk> candidates = new ArrayList<>();
    private long scannedAt;

    public SparseChunkCandidates(Map<String, Object> config, int maxFillPercent, long rescanNanos) {
        super(config);
        this.maxFillPercent = maxFillPercent;
        this.rescanNanos = rescanNanos;
        this.scannedAt = System.nanoTime() - rescanNanos; // the first call scans
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
