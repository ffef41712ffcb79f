package chat.fourth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.bson.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut keeps what the last completed sync covered and any part of what was written after
 * it. Every such file must open and hold every acknowledged write: the store syncs before it
 * acknowledges, keeps the chunks of the last synced version from reuse until the next sync
 * (SyncedVersion), and after an unclean stop reads the whole file for the newest complete version
 * (RelayFileStore). Without either, this test loses acknowledged writes. H2's own margins are
 * switched off here (no old versions kept, no retention time), so the pin is all that protects
 * that version while steady rewrites and unsynced commits free and reuse the file's space.
 */
class PowerCutTest {
    private static final int OPERATIONS = 400;
    private static final int CUTS = 40;

    @TempDir
    Path dir;

    private record Cut(int syncs, int ops, Map<String, Integer> acknowledged) {}

    @AfterEach
    void clearFaults() {
        FaultyFile.reset();
    }

    @Test
    void everyFileAPowerCutCanLeaveOpensWithEveryAcknowledgedWrite() throws IOException {
        FileRecorder recorder = new FileRecorder();
        FaultyFile.recorder = recorder;
        Random random = new Random(20261207);
        List<Cut> cuts = new ArrayList<>();
        Path source = dir.resolve("source");
        Files.createDirectories(source);
        try (TestStore store = TestStore.openFaulty(source)) {
            store.store.setVersionsToKeep(0);
            store.store.setRetentionTime(0);
            Map<String, Integer> acknowledged = new HashMap<>();
            for (int op = 0; op < OPERATIONS; op++) {
                // Counters rewritten in place, so pages die steadily; new documents between.
                String id = random.nextInt(3) == 0 ? "new-" + op : "counter-" + random.nextInt(40);
                int value = acknowledged.getOrDefault(id, 0) + 1;
                store.update("docs", new Document("_id", id), new Document("$set",
                        fields(value)).append("$setOnInsert", new Document()), true);
                acknowledged.put(id, value);
                if (op % (OPERATIONS / CUTS) == 0) {
                    commitWithoutSync(store, random);
                    cuts.add(new Cut(recorder.syncs(), recorder.ops(), Map.copyOf(acknowledged)));
                }
            }
        }
        for (Cut cut : cuts) checkImage(recorder, cut, random);
    }

    /**
     * Commits that no sync follows before the cut, as a round's compaction commit is: they may
     * write into space of chunks that the synced version still uses, unless it is kept.
     */
    private static void commitWithoutSync(TestStore store, Random random) {
        MVMap<String, String> scratch = store.store.openMap("scratch");
        for (int commit = 0; commit < 3; commit++) {
            for (int key = 0; key < 20; key++) scratch.put("k" + key, "v".repeat(random.nextInt(500)));
            store.store.commit();
        }
    }

    private static Document fields(int value) {
        Document fields = new Document();
        for (int i = 0; i < 8; i++) fields.append("f" + i, value);
        return fields.append("padding", "x".repeat(200));
    }

    private void checkImage(FileRecorder recorder, Cut cut, Random random) throws IOException {
        Path image = Files.createTempDirectory(dir, "cut");
        Files.write(image.resolve(StoreFile.NAME), recorder.afterPowerCut(cut.syncs, cut.ops, random));
        try (TestStore store = TestStore.open(image)) {
            String at = "cut after " + cut.ops + " of " + recorder;
            assertTrue(store.log.stream().allMatch(line -> line.endsWith("all agree")), at + store.log);
            for (Map.Entry<String, Integer> written : cut.acknowledged.entrySet()) {
                List<Document> found = store.find("docs", new Document("_id", written.getKey()));
                assertEquals(1, found.size(), at + ": " + written.getKey() + " missing");
                Object f0 = found.get(0).get("f0");
                assertNotNull(f0, at);
                int value = ((Number) f0).intValue();
                assertTrue(value >= written.getValue(), at + ": " + written + " went back to " + value);
                for (int i = 1; i < 8; i++) {
                    assertEquals(f0, found.get(0).get("f" + i), at + ": torn " + found.get(0));
                }
            }
        }
    }
}
