package chat.fourth.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * An H2 database whose collections find documents by _id first, keep new collections'
 * documents as BSON and new unique indexes' keys in value order (see MapFormats).
 */
final class IdFirstH2Database extends H2Database {
    // The map names H2Database itself gives a collection, so the file reads the same.
    static final String DOCUMENTS_PREFIX = "databases.";
    static final String INDEX_INFIX = "._index_";
    private static final String META_PREFIX = "meta.";

    private final MVStore store;

    IdFirstH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(name);
        MVStore mvStore = Constructing.store(store);
        return new IdFirstH2Collection(this, name, options,
                MapFormats.openDocuments(mvStore, DOCUMENTS_PREFIX + namespace),
                mvStore.openMap(META_PREFIX + namespace), cursorRegistry);
    }

    // H2Database opens the index map by name and gets the one opened here, with its key type.
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
            List<IndexKey> keys, boolean sparse) {
        MapFormats.openIndex(Constructing.store(store),
                getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName);
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        MapFormats.forgetRemoved(store);
    }

    @Override
    public void dropCollection(String name, Oplog oplog) {
        super.dropCollection(name, oplog);
        MapFormats.forgetRemoved(store);
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        MapFormats.forgetRemoved(store);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection,
            String newName) {
        String from = DOCUMENTS_PREFIX + collection.getFullName();
        super.moveCollection(oldDatabase, collection, newName);
        MapFormats.renamed(store, from, DOCUMENTS_PREFIX + getFullCollectionNamespace(newName));
    }
}
