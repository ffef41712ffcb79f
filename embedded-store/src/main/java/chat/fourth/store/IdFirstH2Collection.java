package chat.fourth.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/** An H2 collection that finds a document by _id before matching the rest (see IdLookup). */
final class IdFirstH2Collection extends H2Collection {
    IdFirstH2Collection(MongoDatabase database, String name, CollectionOptions options,
            MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit,
            int batchSize, Document projection) {
        Iterable<Object> candidates = IdLookup.candidates(getIndexes(), query);
        return candidates == null
                ? super.queryDocuments(query, orderBy, skip, limit, batchSize, projection)
                : matchDocuments(query, candidates, orderBy, skip, limit, batchSize, projection);
    }
}
