package chat.fourth.store;

import org.h2.mvstore.MVStore;

/**
 * Forces the file to disk every second. A commit only hands its chunk to the operating
 * system (enough for a crash of this process); MVStore may overwrite a chunk the newest
 * commit no longer uses once the retention time has passed (StoreFile: 5 s). Were the
 * commit that stopped using it still unwritten at a power loss, the version on disk would
 * point into overwritten space. H2's default of 45 s counts on the system flushing by then;
 * with 5 s, this flush makes it so.
 */
final class FileFlusher {
    private static final long PERIOD_MILLIS = 1_000;

    private final MVStore store;
    private final Thread thread;
    private volatile boolean closed;

    FileFlusher(MVStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "file-flush");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (closed || store.isClosed()) return;
            try {
                store.getFileStore().sync();
            } catch (RuntimeException e) {
                if (store.isClosed()) return; // closed between the check and the sync
                throw e;
            }
        }
    }

    void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
