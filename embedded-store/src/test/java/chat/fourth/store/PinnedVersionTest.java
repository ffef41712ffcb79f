package chat.fourth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow read keeps the version it began with while writes, commits and the compaction free and
 * reuse the chunks that version is made of: it reads every document it began to, and no
 * "Chunk N not found". H2's own margins (kept versions, retention time) are switched off, so the
 * pin is all that keeps those chunks.
 */
class PinnedVersionTest {
    private static final int DOCUMENTS = 3_000;

    @TempDir
    Path dir;

    @Test
    void aSlowScanReadsItsVersionWhileTheCompactionMovesPages() throws Exception {
        try (TestStore store = TestStore.open(dir)) {
            store.store.setVersionsToKeep(0);
            store.store.setRetentionTime(0);
            for (int i = 0; i < DOCUMENTS; i += 20) {
                Document[] batch = new Document[20];
                for (int j = 0; j < 20; j++) batch[j] = document(i + j);
                store.insert("docs", batch); // a chunk per command: many small chunks
            }
            MVMap<Object, Document> data = store.store.openMap(
                    IdFirstH2Database.DOCUMENTS_PREFIX + TestStore.DB + ".docs");

            CountDownLatch halfway = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            CompletableFuture<Integer> scan = CompletableFuture.supplyAsync(
                    () -> PinnedVersion.during(store.store, () -> {
                        int seen = 0;
                        Iterator<Document> documents = data.values().iterator();
                        while (documents.hasNext()) {
                            documents.next();
                            if (++seen == DOCUMENTS / 2) {
                                halfway.countDown();
                                await(goOn);
                            }
                        }
                        return seen;
                    }));
            assertTrue(halfway.await(60, TimeUnit.SECONDS));
            // Rewrite 19 in 20 documents, many times: their old chunks turn sparse, the
            // compaction moves the rest out, and the freed space is written again.
            for (int round = 1; round <= 20; round++) {
                store.command("update", new Document("update", "docs").append("updates",
                        List.of(new Document("q", new Document("cold", false))
                                .append("u", new Document("$set", new Document("n", round)))
                                .append("multi", true))));
            }
            goOn.countDown();
            assertEquals(DOCUMENTS, scan.get(60, TimeUnit.SECONDS));
        }
    }

    private static String id(int i) {
        return String.format("d%05d", i);
    }

    private static Document document(int i) {
        return new Document("_id", id(i)).append("cold", i % 20 == 0).append("n", 0)
                .append("padding", "p".repeat(300));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
