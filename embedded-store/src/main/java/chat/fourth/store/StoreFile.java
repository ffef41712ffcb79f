package chat.fourth.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

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
    // The background writer moves the live pages out of chunks filled below this. H2's 90
    // kept it rewriting all the time once 100,000 messages were stored (8 % of the store's
    // samples, and the commits waited on it): with 40, accept -> delivered p99 at 100 msg/s
    // went from 100-178 ms to 38 ms, the file holding more dead space in exchange.
    private static final int COMPACT_BELOW_PERCENT = 40;

    private StoreFile() {}

    static MVStore open(Path dataDir) throws IOException, InterruptedException {
        createPrivateDirectory(dataDir);
        Path file = dataDir.resolve(NAME);
        Instant giveUp = Instant.now().plus(LOCK_WAIT);
        for (;;) {
            try {
                return new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB)
                        .autoCompactFillRate(COMPACT_BELOW_PERCENT).open();
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

    // Documents include webhook secrets (sealed) and conversations: owner-only.
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    }
}
