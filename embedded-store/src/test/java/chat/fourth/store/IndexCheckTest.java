package chat.fourth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose commit held a document without its index entry (what commits of half a command
 * left before WriteGate): after an unclean stop the index is rebuilt, the document is found by
 * _id again and its id refuses a second insert as a duplicate, instead of the failed insert
 * replacing the document.
 */
class IndexCheckTest {
    @TempDir
    Path dir;

    @Test
    void aDocumentSplitFromItsIndexIsFoundAgainAfterAnUncleanStop() {
        try (TestStore store = TestStore.open(dir)) {
            store.insert("docs", new Document("_id", "kept"), new Document("_id", "split"));
        }
        splitAndMarkUnclean();

        try (TestStore store = TestStore.open(dir)) {
            assertEquals(1, store.log.size(), store.log.toString());
            assertTrue(store.log.get(0).contains("test.docs._index__id_ (1 entries for 2 keys, 1"
                    + " documents not found through it; rebuilt)"), store.log.get(0));
            assertEquals(1, store.find("docs", new Document("_id", "split")).size());
            Document again = store.insert("docs", new Document("_id", "split").append("new", 1));
            assertTrue(again.containsKey("writeErrors"), "a duplicate: " + again);
            assertEquals(List.of(new Document("_id", "split")),
                    store.find("docs", new Document("_id", "split")));
        }
        try (TestStore store = TestStore.open(dir)) {
            assertTrue(store.log.isEmpty(), "stopped cleanly this time: " + store.log);
        }
    }

    private void splitAndMarkUnclean() {
        MVStore raw = new MVStore.Builder().fileName(dir.resolve(StoreFile.NAME).toString()).open();
        try {
            MVMap<KeyValue, Object> index =
                    MapFormats.openIndex(raw, TestStore.DB + ".docs" + IdFirstH2Database.INDEX_INFIX + "_id_");
            index.remove(new KeyValue("split"));
            CleanStop.running(raw);
            raw.commit();
        } finally {
            raw.close();
        }
    }
}
