package chat.fourth.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that finds a document by _id before matching the rest (see IdLookup), and
 * hands out copies of its stored documents.
 *
 * <p>Copies, because mongo-java-server updates the document a query returned in place and then
 * puts it back: were that the stored object, a commit serializing its page at the same time
 * could write a document mixing two updates, and a reply could show one (H2 forbids changing a
 * value once put). Only the documents a query matches are copied.
 */
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

    // Every query of the library, by index, by _id or by scan, ends here.
    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents,
            int skip, int limit, int batchSize, Comparator<Document> order, Document projection) {
        Stream<Document> copies = documents
                .filter(document -> documentMatchesQuery(document, query))
                .map(Document::cloneDeeply);
        return super.matchDocumentsFromStream(query, copies, skip, limit, batchSize, order,
                projection);
    }

    /** Checks each unique index against the documents, rebuilding one that disagrees. */
    void checkIndexes(IndexCheck check) {
        List<Index<Object>> indexes = getIndexes();
        for (Index<Object> index : indexes) {
            // The library keeps no entries for the others: it answers those queries by scan.
            if (index.isUnique()) check.check(this, index, this::streamAllDocumentsWithPosition);
        }
    }
}
