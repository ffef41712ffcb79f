package chat.fourth.store;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.mvstore.MVStore;

/** A file-backed store in process, driven by the commands a client would send. */
final class TestStore implements AutoCloseable {
    static final String DB = "test";

    /** Records what would end the process instead of ending it. */
    static final class RecordingFatal implements Fatal {
        final List<String> stops = new CopyOnWriteArrayList<>();
        final List<Throwable> causes = new CopyOnWriteArrayList<>();

        @Override
        public void stop(String what, Throwable cause) {
            stops.add(what);
            causes.add(cause);
        }
    }

    final MVStore store;
    final CommittingH2Backend backend;
    final RecordingFatal fatal = new RecordingFatal();
    final List<String> log = new CopyOnWriteArrayList<>();

    private TestStore(String fileName, Fatal onFatal) {
        Fatal both = (what, cause) -> {
            fatal.stop(what, cause);
            onFatal.stop(what, cause);
        };
        this.store = StoreFile.openFile(fileName, true, both);
        this.backend = CommittingH2Backend.open(store, both, log::add);
    }

    /** The store in `dir`, as the launcher opens it. */
    static TestStore open(Path dir) {
        return open(dir, (what, cause) -> {});
    }

    /** The same, with what a fatal failure does besides being recorded. */
    static TestStore open(Path dir, Fatal onFatal) {
        return new TestStore(dir.resolve(StoreFile.NAME).toString(), onFatal);
    }

    /** The store in `dir` through the fault-injecting file system. */
    static TestStore openFaulty(Path dir) {
        return new TestStore(FaultyFile.path(dir.resolve(StoreFile.NAME)), (what, cause) -> {});
    }

    Document command(String name, Document body) {
        return backend.handleCommand(new EmbeddedChannel(), DB, name, body);
    }

    Document insert(String collection, Document... documents) {
        return command("insert", new Document("insert", collection)
                .append("documents", List.of(documents)));
    }

    Document update(String collection, Document filter, Document change) {
        return update(collection, filter, change, false);
    }

    Document update(String collection, Document filter, Document change, boolean upsert) {
        Document statement = new Document("q", filter).append("u", change).append("upsert", upsert);
        return command("update", new Document("update", collection)
                .append("updates", List.of(statement)));
    }

    Document delete(String collection, Document filter) {
        Document statement = new Document("q", filter).append("limit", 1);
        return command("delete", new Document("delete", collection)
                .append("deletes", List.of(statement)));
    }

    void uniqueIndex(String collection, String field) {
        Document index = new Document("key", new Document(field, 1))
                .append("name", field + "_1").append("unique", true);
        command("createIndexes", new Document("createIndexes", collection)
                .append("indexes", List.of(index)));
    }

    @SuppressWarnings("unchecked")
    List<Document> find(String collection, Document filter) {
        Document answer = command("find", new Document("find", collection)
                .append("filter", filter).append("batchSize", Integer.MAX_VALUE));
        Document cursor = (Document) answer.get("cursor");
        return new ArrayList<>((List<Document>) cursor.get("firstBatch"));
    }

    @Override
    public void close() {
        backend.close();
    }
}
