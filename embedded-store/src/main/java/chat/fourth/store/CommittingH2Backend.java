package chat.fourth.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend as shipped acknowledges a write before MVStore commits it (on a one-second
 * timer), so a crash loses acknowledged writes. This one answers a write only after a
 * commit that began once the write was done. MVStore.commit() hands the data to the
 * operating system, which keeps it when this process is killed; surviving a power loss
 * would also need an fsync per round, which the relay's embedded default does not pay for.
 */
final class CommittingH2Backend extends H2Backend {
    private final GroupCommitter committer;
    private final Compactor compactor;
    private final FileFlusher flusher;
    private final MVStore store;

    static CommittingH2Backend open(MVStore store) {
        return Constructing.with(store, () -> new CommittingH2Backend(store));
    }

    private CommittingH2Backend(MVStore store) {
        super(store);
        this.store = store;
        this.compactor = new Compactor(store);
        this.flusher = new FileFlusher(store);
        this.committer = new GroupCommitter(() -> {
            commit();
            compactor.afterCommit();
        });
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
            return PinnedVersion.during(store, read ? handle : () -> compactor.write(handle));
        } finally {
            // Also after a failed command: an insertMany that stopped at a duplicate key
            // has stored the documents before it, and its caller may be told so.
            if (!read) committer.awaitCommit();
        }
    }

    /** Commits what is left and closes the file. */
    @Override
    public void close() {
        committer.close();
        flusher.close();
        super.close();
    }
}
