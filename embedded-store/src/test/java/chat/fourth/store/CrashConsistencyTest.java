package chat.fourth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import de.bwaldvogel.mongo.bson.Document;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store halted at random moments under insert, update and delete load (a JVM of its own,
 * CrashLoad), 30 times on one file. After each halt the file must hold every acknowledged write,
 * nothing torn (every field of a document from one write), and every document and unique index
 * entry must agree before any repair (the index check at open reports what it found).
 */
class CrashConsistencyTest {
    private static final int CRASHES = 30;

    @TempDir
    Path dir;

    /** What a document must be: null for absent, else the `n` all its fields hold. */
    private final Map<String, Integer> acknowledged = new HashMap<>();
    private int acknowledgedOps;

    @Test
    void everyAcknowledgedWriteSurvivesAHaltAndNothingIsTornOrSplit() throws Exception {
        Random random = new Random(7);
        for (int crash = 0; crash < CRASHES; crash++) {
            Map<Integer, String[]> inFlight = runUntilHalted(random.nextLong(), 300 + random.nextInt(900));
            verify(crash, inFlight);
        }
        assertTrue(acknowledgedOps > CRASHES * 10, "the load made " + acknowledgedOps + " writes");
    }

    /** Runs the child; applies what it acknowledged; answers each writer's unacknowledged op. */
    private Map<Integer, String[]> runUntilHalted(long seed, int haltMillis) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), CrashLoad.class.getName(),
                dir.toString(), Long.toString(seed), Integer.toString(haltMillis))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<Integer, String[]> begun = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "B" -> begun.put(Integer.parseInt(parts[1]), parts);
                    case "A" -> apply(begun.remove(Integer.parseInt(parts[1])));
                    case "E" -> fail("a write failed under load: " + line);
                    default -> { } // a torn last line at the halt
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child halted");
        assertEquals(137, child.exitValue(), "the child was halted, not stopped otherwise");
        return begun;
    }

    private void apply(String[] op) {
        acknowledgedOps++;
        String id = op[3];
        if (op[2].equals("D")) {
            acknowledged.put(id, null);
        } else {
            acknowledged.put(id, Integer.parseInt(op[4]));
        }
    }

    private void verify(int crash, Map<Integer, String[]> inFlight) {
        String at = "after halt " + (crash + 1) + ": ";
        try (TestStore store = TestStore.open(dir)) {
            assertEquals(1, store.log.size(), at + store.log);
            assertTrue(store.log.get(0).endsWith("all agree"), at + store.log.get(0));
            Map<String, Document> stored = new HashMap<>();
            for (Document doc : store.find(CrashLoad.COLLECTION, new Document())) {
                stored.put((String) doc.get("_id"), doc);
                assertNotTorn(at, doc);
            }
            Map<String, String[]> pending = new HashMap<>();
            for (String[] op : inFlight.values()) pending.put(op[3], op);
            for (Map.Entry<String, Integer> expected : acknowledged.entrySet()) {
                Document doc = stored.get(expected.getKey());
                String[] op = pending.get(expected.getKey());
                Integer found = doc == null ? null : ((Number) doc.get("f0")).intValue();
                boolean asAcknowledged = Objects.equals(found, expected.getValue());
                boolean asPending = op != null && Objects.equals(found,
                        op[2].equals("D") ? null : Integer.valueOf(op[4]));
                assertTrue(asAcknowledged || asPending, at + expected + " is " + doc);
                if (doc != null) {
                    List<Document> byKey = store.find(CrashLoad.COLLECTION,
                            new Document("k", doc.get("k")));
                    assertEquals(1, byKey.size(), at + "not found by its unique key: " + doc);
                }
            }
            // The next run starts from what is there.
            acknowledged.clear();
            for (Map.Entry<String, Document> doc : stored.entrySet()) {
                acknowledged.put(doc.getKey(), ((Number) doc.getValue().get("f0")).intValue());
            }
        }
    }

    private static void assertNotTorn(String at, Document doc) {
        Object first = doc.get("f0");
        String id = (String) doc.get("_id");
        for (int i = 1; i < CrashLoad.FIELDS; i++) {
            assertEquals(first, doc.get("f" + i), at + "torn " + doc);
        }
        assertEquals(id + "/" + first, doc.get("k"), at + "torn " + doc);
    }
}
