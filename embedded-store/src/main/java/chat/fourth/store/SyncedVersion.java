package chat.fourth.store;

import org.h2.mvstore.MVStore;

/**
 * Forces what was committed to the disk, and keeps the file space of the version last forced
 * from being reused until the next force has completed. MVStore writes a commit's chunk into
 * space freed by chunks no kept version uses; if that happened to a chunk the last synced
 * version still needs, a power cut before the next fsync could leave the newest version on disk
 * pointing into overwritten space: a file that does not open. Registering the synced version as
 * in use (as readers do) makes MVStore keep those chunks; it is released once a newer version
 * is on disk.
 */
final class SyncedVersion {
    private final MVStore store;
    private MVStore.TxCounter pinned;
    private long syncedVersion = -1;

    SyncedVersion(MVStore store) {
        this.store = store;
        this.pinned = store.registerVersionUsage();
    }

    /**
     * Forces the file if anything was committed since the last force. Called by the one thread
     * that commits, after its commit: nothing commits between the force and the new pin.
     */
    void sync() {
        long version = store.getCurrentVersion();
        if (version == syncedVersion) return;
        store.getFileStore().sync();
        MVStore.TxCounter previous = pinned;
        pinned = store.registerVersionUsage();
        syncedVersion = version;
        store.deregisterVersionUsage(previous);
    }

    /** Releases the pin; the store is closing. */
    void release() {
        store.deregisterVersionUsage(pinned);
    }
}
