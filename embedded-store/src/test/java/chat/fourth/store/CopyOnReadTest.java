package chat.fourth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No stored document is changed after it was put: H2 may be serializing it at any time. */
class CopyOnReadTest {
    @TempDir
    Path dir;

    @Test
    void anUpdatePutsANewDocumentAndLeavesTheStoredOneAsItWas() {
        try (TestStore store = TestStore.open(dir)) {
            store.insert("docs", new Document("_id", "a").append("n", 1).append("gone", true));
            MVMap<Object, Document> data = store.store.openMap(
                    IdFirstH2Database.DOCUMENTS_PREFIX + TestStore.DB + ".docs");
            Document before = data.get("a");

            store.update("docs", new Document("_id", "a"),
                    new Document("$inc", new Document("n", 1)).append("$unset", new Document("gone", "")));

            assertEquals(new Document("_id", "a").append("n", 1).append("gone", true), before);
            Document after = data.get("a");
            assertNotSame(before, after);
            assertEquals(new Document("_id", "a").append("n", 2), after);
        }
    }

    @Test
    void aQueryAnswersCopies() {
        try (TestStore store = TestStore.open(dir)) {
            store.insert("docs", new Document("_id", "a").append("n", 1));
            Document found = store.find("docs", new Document("_id", "a")).get(0);
            found.put("n", 99);
            assertEquals(1, store.find("docs", new Document("_id", "a")).get(0).get("n"));
            Document scanned = store.find("docs", new Document("n", 1)).get(0);
            scanned.put("n", 98);
            assertEquals(1, store.find("docs", new Document()).get(0).get("n"));
        }
    }
}
