package chat.fourth.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVStore;

/** An H2 database whose collections find documents by _id first. */
final class IdFirstH2Database extends H2Database {
    private final MVStore store;

    IdFirstH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(name);
        MVStore mvStore = Constructing.store(store);
        // The map names H2Database itself gives a collection, so the file reads the same.
        return new IdFirstH2Collection(this, name, options,
                mvStore.openMap("databases." + namespace), mvStore.openMap("meta." + namespace),
                cursorRegistry);
    }
}
