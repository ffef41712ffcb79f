package org.h2.mvstore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's file: H2's single-file store with the two changes the store needs below H2's
 * public API. This is the one class that uses H2 internals (it lives in H2's package for that;
 * the pom pins H2 with an enforcer rule).
 *
 * <p><b>Recovery finds the newest complete version.</b> After an unclean stop H2 looks for the
 * newest chunk through the file header, the chunks' predictions of where the next one goes, and
 * the chunk at the end of the file, then takes the newest of those whose chunks are all there.
 * A power cut can keep a header written after the last sync while losing the chunk it points
 * to; the last synced chunk, written into reused space in the middle of the file, is then found
 * by none of those ways, and H2 opened an older version: acknowledged writes gone (the store's
 * PowerCutTest). After an unclean stop this reads the whole file for chunks instead, as H2 does
 * when its quick recovery fails, and takes the newest version whose chunks are all there.
 *
 * <p><b>Compaction of sparse chunks only</b> (optional). H2's public compaction takes chunks of
 * any fill, the oldest first, so under steady writes it moves the same full, cold chunks again
 * and again; FileStore's protected rewriteChunks(writeLimit, targetFillRate) takes only chunks
 * filled below a rate. FileStore also looks at every chunk each time it compacts (20,000 chunks
 * at 100,000 messages: a third of the commit thread's time), so it is offered the chunks found
 * sparse at a scan every `rescanNanos`. A chunk freed since is dropped: FileStore moves chunks
 * by id, and a new chunk may have taken the id.
 *
 * <p>Uses: readStoreHeader and rewriteChunks (protected), getRewriteCandidates (a protected
 * hook), the package-private FileStore.chunks, SFChunk, Chunk.isLive/getFillRate, the header
 * constants and MVStore.tryExecuteUnderStoreLock. H2 2.5.250 made `chunks` private.
 */
public final class RelayFileStore extends SingleFileStore {
    private final int maxFillPercent;
    private final long rescanNanos;
    private List<SFChunk> candidates = new ArrayList<>();
    private long scannedAt;

    /** A file compacting chunks filled at most `maxFillPercent`; 0: no compaction. */
    public RelayFileStore(Map<String, Object> config, int maxFillPercent, long rescanNanos) {
        super(config);
        this.maxFillPercent = maxFillPercent;
        this.rescanNanos = rescanNanos;
        this.scannedAt = System.nanoTime() - rescanNanos; // the first call scans
    }

    @Override
    protected void readStoreHeader(boolean recoveryMode) {
        // The full scan only: the recovery mode of the store (pages it cannot read taken as
        // empty) stays off, as it is set by the store's configuration, not here.
        super.readStoreHeader(recoveryMode || !closedCleanly());
    }

    /** Whether a header block says the file was closed cleanly (H2 writes that at close). */
    private boolean closedCleanly() {
        ByteBuffer blocks = readFully((SFChunk) null, 0, 2 * FileStore.BLOCK_SIZE);
        byte[] block = new byte[FileStore.BLOCK_SIZE];
        for (int i = 0; i < 2; i++) {
            blocks.get(block);
            HashMap<String, String> header = DataUtils.parseChecksummedMap(block);
            if (header != null && DataUtils.readHexInt(header, FileStore.HDR_CLEAN, 0) != 0) {
                return true;
            }
        }
        return false;
    }

    public boolean compacts() {
        return maxFillPercent > 0;
    }

    /**
     * Moves the live pages out of chunks filled at most `maxFillPercent`, up to about
     * `writeLimit` bytes, into the next commit. Returns whether it moved any.
     */
    public boolean rewriteSparseChunks(int writeLimit) throws InterruptedException {
        if (!compacts()) return false;
        Boolean moved = getMvStore().tryExecuteUnderStoreLock(
                () -> rewriteChunks(writeLimit, maxFillPercent));
        return moved != null && moved;
    }

    // Called by FileStore.findOldChunks under its serialization lock: one caller at a time.
    @Override
    public Collection<SFChunk> getRewriteCandidates() {
        if (!compacts()) return super.getRewriteCandidates();
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
