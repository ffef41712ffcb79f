package chat.fourth.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend as shipped acknowledges a write before MVStore commits it (on a one-second
 * timer), so a crash loses acknowledged writes. This one answers a write only once a round
 * that began after the write has committed it and forced it to disk (GroupCommitter), so
 * neither a crash nor a power cut loses an acknowledged write. Commits hold whole commands
 * (WriteGate), and a failure to commit or sync ends the store (Fatal).
 */
final class CommittingH2Backend extends H2Backend {
    private static final String DATABASES_PREFIX = IdFirstH2Database.DOCUMENTS_PREFIX;

    private final MVStore store;
    private final WriteGate gate = new WriteGate();
    private final SyncedVersion synced;
    private final GroupCommitter committer;

    /** Opens the backend on `store`; after an unclean stop, checks its indexes first. */
    static CommittingH2Backend open(MVStore store, Fatal fatal, Consumer<String> log) {
        boolean unclean = CleanStop.wasUnclean(store);
        CommittingH2Backend backend =
                Constructing.with(store, () -> new CommittingH2Backend(store, fatal));
        if (unclean) {
            IndexCheck check = new IndexCheck(store);
            backend.collections().forEach(collection -> collection.checkIndexes(check));
            log.accept(check.summary());
        }
        CleanStop.running(store);
        backend.committer.awaitCommit();
        return backend;
    }

    private CommittingH2Backend(MVStore store, Fatal fatal) {
        super(store);
        this.store = store;
        this.synced = new SyncedVersion(store);
        Compactor compactor = new Compactor(store);
        this.committer = new GroupCommitter(() -> {
            gate.exclusively(() -> {
                commit();
                compactor.compactIfDue();
            });
            requireOpen();
            synced.sync();
        }, fatal);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        MVStore mvStore = Constructing.store(store);
        return PinnedVersion.during(mvStore, () -> Constructing.with(mvStore,
                () -> new IdFirstH2Database(name, mvStore, getCursorRegistry())));
    }

    // Every command, from OP_MSG and from legacy OP_QUERY on $cmd alike, arrives here.
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        boolean read = ReadCommands.isRead(command, query);
        Supplier<Document> handle = () -> super.handleCommand(channel, database, command, query);
        try {
            return PinnedVersion.during(store, read ? handle : () -> gate.command(handle));
        } finally {
            // Also after a failed command: an insertMany that stopped at a duplicate key
            // has stored the documents before it, and its caller may be told so.
            if (!read) committer.awaitCommit();
        }
    }

    // H2 closes the store on a panic; commit() then does nothing, which must not pass as done.
    private void requireOpen() {
        if (store.isClosed()) {
            throw new IllegalStateException("the store closed itself", store.getPanicException());
        }
    }

    private Iterable<IdFirstH2Collection> collections() {
        return store.getMapNames().stream()
                .filter(name -> name.startsWith(DATABASES_PREFIX))
                .map(name -> name.substring(DATABASES_PREFIX.length()))
                .map(this::collection)
                .filter(IdFirstH2Collection.class::isInstance)
                .map(IdFirstH2Collection.class::cast)
                .toList();
    }

    private MongoCollection<?> collection(String namespace) {
        int dot = namespace.indexOf('.');
        return resolveDatabase(namespace.substring(0, dot))
                .resolveCollection(namespace.substring(dot + 1), false);
    }

    /** Commits what is left, marks the stop clean, syncs and closes the file. */
    @Override
    public void close() {
        committer.close();
        CleanStop.stopped(store);
        commit();
        synced.sync();
        synced.release();
        super.close();
    }
}
