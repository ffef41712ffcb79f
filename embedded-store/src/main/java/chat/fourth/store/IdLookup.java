package chat.fourth.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.List;

/**
 * mongo-java-server uses an index only for a query on exactly the index's keys, so
 * `{_id: x, status: "pending"}` (every conditional update and claim of the relay) scans the
 * whole collection. A document with a given _id is at most one, though: this finds it
 * through the _id index and lets the collection match the whole query against it alone.
 * Same answers, at the cost of one lookup instead of a scan.
 */
final class IdLookup {
    private static final String ID = "_id";

    private IdLookup() {}

    /** The positions to match `query` against, or null when the query is not of that shape. */
    static <P> Iterable<P> candidates(List<Index<P>> indexes, Document query) {
        if (query.size() < 2 || !isPlainValue(query.get(ID))) return null;
        for (Index<P> index : indexes) {
            if (index.getKeys().size() == 1 && index.getKeys().get(0).getKey().equals(ID)) {
                return index.getPositions(new Document(ID, query.get(ID)));
            }
        }
        return null;
    }

    // Operators ({$in: …}), regular expressions and arrays keep the library's own planning.
    private static boolean isPlainValue(Object value) {
        return value instanceof String || value instanceof Number || value instanceof ObjectId;
    }
}
