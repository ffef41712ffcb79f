package chat.fourth.store;

import de.bwaldvogel.mongo.bson.Document;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child process of CrashConsistencyTest: opens the store in `dir` as the launcher does, runs
 * writers inserting, updating and deleting documents, and halts at `haltMillis` with no clean
 * stop. Each writer owns its documents. Before an operation it prints "B <writer> <op> <id> <n>",
 * and once the operation is acknowledged "A <writer>", so the parent knows what was acknowledged
 * and what may or may not have happened.
 */
public final class CrashLoad {
    static final int WRITERS = 8;
    static final int FIELDS = 10;
    static final String COLLECTION = "docs";

    private CrashLoad() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        long haltMillis = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(System.out, true);
        TestStore store = TestStore.open(dir, Fatal.haltProcess());
        store.uniqueIndex(COLLECTION, "k");
        List<Document> existing = store.find(COLLECTION, new Document());
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(haltMillis);
            } catch (InterruptedException ignored) {
                // halts all the same
            }
            Runtime.getRuntime().halt(137);
        });
        halt.start();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            List<String> owned = new ArrayList<>();
            for (Document doc : existing) {
                String id = (String) doc.get("_id");
                if (owner(id) == writer) owned.add(id);
            }
            Random random = new Random(seed + writer);
            String run = Long.toString(seed, 36);
            Thread thread = new Thread(() -> {
                try {
                    write(store, out, writer, owned, random, run);
                } catch (RuntimeException e) {
                    out.println("E " + writer + " " + e);
                }
            });
            thread.setDaemon(true);
            thread.start();
        }
        halt.join();
    }

    private static void write(TestStore store, PrintStream out, int writer, List<String> owned,
            Random random, String run) {
        for (int n = 0;; n++) {
            int choice = random.nextInt(10);
            if (owned.isEmpty() || choice < 4) {
                String id = run + "-w" + writer + "-" + n;
                begin(out, writer, "I", id, n);
                store.insert(COLLECTION, document(id, n));
                owned.add(id);
            } else if (choice < 9) {
                String id = owned.get(random.nextInt(owned.size()));
                begin(out, writer, "U", id, n);
                store.update(COLLECTION, new Document("_id", id),
                        new Document("$set", fields(id, n)));
            } else {
                String id = owned.remove(random.nextInt(owned.size()));
                begin(out, writer, "D", id, n);
                store.delete(COLLECTION, new Document("_id", id));
            }
            out.println("A " + writer);
        }
    }

    /** Ids are "<run>-w<writer>-<n>". */
    static int owner(String id) {
        int start = id.indexOf("-w") + 2;
        return Integer.parseInt(id.substring(start, id.indexOf('-', start)));
    }

    private static void begin(PrintStream out, int writer, String op, String id, int n) {
        out.println("B " + writer + " " + op + " " + id + " " + n);
    }

    /** Every field holds `n`, and the unique key changes with it: a torn write shows. */
    static Document fields(String id, int n) {
        Document fields = new Document("k", id + "/" + n);
        for (int i = 0; i < FIELDS; i++) fields.append("f" + i, n);
        return fields;
    }

    private static Document document(String id, int n) {
        Document doc = new Document("_id", id);
        doc.putAll(fields(id, n));
        return doc;
    }
}
