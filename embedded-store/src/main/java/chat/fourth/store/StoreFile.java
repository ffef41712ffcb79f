package chat.fourth.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.RelayFileStore;

/** Opens the H2 MVStore file in the data directory. */
final class StoreFile {
    static final String NAME = "relay.mv.db";

    // A store that was just told to stop may still hold the file lock while it writes its
    // last commit; a restart right after it (tests, a supervisor) waits instead of failing.
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final Duration LOCK_POLL = Duration.ofMillis(200);

    // MVStore's page cache; its default of 16 MB held too few pages once the relay had stored
    // 100,000 messages: a fifth of the store's samples were reading pages back from the file.
    private static final int CACHE_MB = 64;
    // MVStore's own background compaction is off: the Compactor frees mostly dead chunks
    // instead (why there). At H2's default (90 % fill) the store held 100,000 messages at
    // half the accepts/s of an empty one; at 40 it compacted nothing while writes kept coming.
    private static final int H2_COMPACTION_OFF = 0;
    // How long a chunk no version uses any more is kept before its space is reused. Every
    // reader pins the version it reads (PinnedVersion) and the last synced version stays
    // pinned until the next sync (SyncedVersion), so this guards nothing of ours; it stays
    // short because H2's 45 s kept gigabytes of dead chunks under full load (~60 MB/s written).
    private static final int RETENTION_MILLIS = 5_000;

    // A page is rewritten whole whenever one of its entries changes, and MVStore splits a
    // page only when a key is added: a page of conversations, created small, grew with their
    // history to 80 KB and more, and every turn rewrote it. At 64 callers, H2's 48 keys per
    // page wrote 53-60 KB per accepted message, 8 wrote 42-46 KB (and 3-5 % more accepts/s).
    private static final int KEYS_PER_PAGE = 8;
    // How often the compaction looks for sparse chunks among all of them (see
    // RelayFileStore); it moves pages every 25 ms, from the chunks found then.
    private static final long RESCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private StoreFile() {}

    /**
     * Opens the file in `dataDir`. Only the store's own commit thread commits: H2's auto-commit
     * (a background thread, and writers past a buffer size) would commit in the middle of a
     * command. A failure H2 reports from any thread ends the store through `fatal`.
     */
    static MVStore open(Path dataDir, boolean compaction, Fatal fatal)
            throws IOException, InterruptedException {
        createPrivateDirectory(dataDir);
        Path file = dataDir.resolve(NAME);
        Instant giveUp = Instant.now().plus(LOCK_WAIT);
        for (;;) {
            try {
                return openFile(file.toString(), compaction, fatal);
            } catch (MVStoreException e) {
                if (e.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) throw e;
                if (Instant.now().isAfter(giveUp)) {
                    throw new IOException(file + " is locked by another process (is another store"
                            + " still running on " + dataDir + "?)", e);
                }
                Thread.sleep(LOCK_POLL.toMillis());
            }
        }
    }

    /** `fileName` may carry an H2 file-system prefix (the tests inject faults that way). */
    static MVStore openFile(String fileName, boolean compaction, Fatal fatal) {
        Map<String, Object> config = new HashMap<>();
        config.put("cacheSize", CACHE_MB);
        config.put("autoCompactFillRate", H2_COMPACTION_OFF);
        RelayFileStore fileStore = new RelayFileStore(config,
                compaction ? Compactor.MAX_FILL_PERCENT : 0, RESCAN_NANOS);
        fileStore.open(fileName, false, null);
        try {
            MVStore store = new MVStore.Builder().adoptFileStore(fileStore)
                    .keysPerPage(KEYS_PER_PAGE)
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0)
                    .backgroundExceptionHandler((thread, e) -> fatal.stop(
                            "the store failed on thread " + thread.getName(), e))
                    .open();
            store.setRetentionTime(RETENTION_MILLIS);
            return store;
        } catch (RuntimeException e) {
            fileStore.close();
            throw e;
        }
    }

    // Documents include webhook secrets (sealed) and conversations: owner-only.
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    }
}
