package chat.fourth.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.h2.mvstore.MVStore;

/**
 * After an unclean stop, checks every unique index against the documents it indexes and
 * rebuilds one that disagrees. Commits hold whole commands now (WriteGate), but a file written
 * before could hold a document without its _id entry: invisible to every lookup by _id, and
 * its id could never be written again. mongo-java-server rebuilds an index at open only when
 * it is empty.
 */
final class IndexCheck {
    private final MVStore store;
    private final List<String> rebuilt = new ArrayList<>();
    private int checked;

    IndexCheck(MVStore store) {
        this.store = store;
    }

    void check(MongoCollection<Object> collection, Index<Object> index,
            Supplier<Stream<DocumentWithPosition<Object>>> documents) {
        checked++;
        long expected = 0;
        long missing = 0;
        for (DocumentWithPosition<Object> entry : (Iterable<DocumentWithPosition<Object>>)
                documents.get()::iterator) {
            if (skips(index, entry.getDocument())) continue;
            expected += index.getKeyValues(entry.getDocument()).size();
            if (!Objects.equals(index.getPosition(entry.getDocument()), entry.getPosition())) {
                missing++;
            }
        }
        if (missing == 0 && index.getCount() == expected) return;
        String name = collection.getFullName() + IdFirstH2Database.INDEX_INFIX + index.getName();
        long before = index.getCount();
        List<String> left = rebuild(collection, index, name, documents);
        rebuilt.add(name + " (" + before + " entries for " + expected + " keys, " + missing
                + " documents not found through it; rebuilt"
                + (left.isEmpty() ? "" : ", left out duplicates " + left) + ")");
    }

    private List<String> rebuild(MongoCollection<Object> collection, Index<Object> index,
            String mapName, Supplier<Stream<DocumentWithPosition<Object>>> documents) {
        store.openMap(mapName).clear();
        List<String> duplicates = new ArrayList<>();
        documents.get().forEach(entry -> {
            try {
                index.add(entry.getDocument(), entry.getPosition(), collection);
            } catch (MongoServerError e) {
                duplicates.add(String.valueOf(entry.getPosition()));
            }
        });
        return duplicates;
    }

    // A sparse index leaves out documents without any of its keys, as the library does.
    private static boolean skips(Index<Object> index, Document document) {
        if (!Boolean.TRUE.equals(index.toIndexDescription().get("sparse"))) return false;
        for (IndexKey key : index.getKeys()) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, key.getKey());
            if (!(value instanceof Missing)) return false;
        }
        return true;
    }

    /** One line for the log: what was checked, and every index rebuilt. */
    String summary() {
        String what = "after an unclean stop, checked " + checked + " unique indexes against"
                + " their documents: ";
        return rebuilt.isEmpty() ? what + "all agree" : what + String.join("; ", rebuilt);
    }

    boolean repaired() {
        return !rebuilt.isEmpty();
    }
}
