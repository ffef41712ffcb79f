package chat.fourth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.bson.Document;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged means synced, and a store that cannot sync or write stops instead of lying. */
class DurabilityTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @AfterEach
    void clearFaults() {
        FaultyFile.reset();
    }

    @Test
    void aWriteIsAcknowledgedOnlyOnceTheFileIsSynced() throws Exception {
        try (TestStore store = TestStore.openFaulty(dir)) {
            CountDownLatch releaseSync = new CountDownLatch(1);
            CountDownLatch syncing = new CountDownLatch(1);
            FaultyFile.syncEntered = syncing;
            FaultyFile.syncGate = releaseSync;

            CompletableFuture<Document> insert = CompletableFuture.supplyAsync(
                    () -> store.insert("docs", new Document("_id", "a")));
            assertTrue(syncing.await(30, TimeUnit.SECONDS), "a sync began");
            assertFalse(insert.isDone(), "acknowledged before the sync completed");
            FaultyFile.syncGate = null;
            releaseSync.countDown();
            assertEquals(1, ((Number) insert.get(30, TimeUnit.SECONDS).get("n")).intValue());
        }
    }

    @Test
    void aFailedSyncEndsTheStoreAndAcknowledgesNothing() {
        TestStore store = TestStore.openFaulty(dir);
        FaultyFile.nextSyncFailure = new IOException("Input/output error");

        assertTimeoutPreemptively(DEADLINE, () -> assertThrows(RuntimeException.class,
                () -> store.insert("docs", new Document("_id", "lost"))));
        assertEquals(1, store.fatal.stops.size(), "the store stopped itself");
        assertThrows(RuntimeException.class, () -> store.insert("docs", new Document("_id", "b")));
    }

    @Test
    void anErrorWhileSyncingEndsTheStoreInsteadOfBlockingWriters() {
        TestStore store = TestStore.openFaulty(dir);
        FaultyFile.nextSyncFailure = new InternalError("injected");

        assertTimeoutPreemptively(DEADLINE, () -> assertThrows(RuntimeException.class,
                () -> store.insert("docs", new Document("_id", "lost"))));
        assertTrue(store.fatal.causes.get(0) instanceof InternalError, "" + store.fatal.causes);
    }

    @Test
    void aFailedDiskWriteEndsTheStore() {
        TestStore store = TestStore.openFaulty(dir);
        FaultyFile.writeFailure = new IOException("No space left on device");

        assertTimeoutPreemptively(DEADLINE, () -> assertThrows(RuntimeException.class,
                () -> store.insert("docs", new Document("_id", "lost"))));
        assertFalse(store.fatal.stops.isEmpty(), "the store stopped itself");
    }

    @Test
    void whatWasAcknowledgedIsThereAfterReopening() {
        try (TestStore store = TestStore.open(dir)) {
            for (int i = 0; i < 50; i++) store.insert("docs", new Document("_id", "d" + i));
        }
        try (TestStore store = TestStore.open(dir)) {
            assertEquals(50, store.find("docs", new Document()).size());
            assertTrue(store.log.isEmpty(), "a clean stop needs no index check: " + store.log);
        }
    }
}
