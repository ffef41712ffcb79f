package chat.fourth.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** Starts the store, announces its address as one JSON line, and serves until stopped. */
public final class Main {
    // Netty runs each command on the event-loop thread of its connection, and a write holds
    // that thread until its commit round ends, so the thread count caps how many writes one
    // round can cover. Measured with 64 callers on 2 cores: 32 threads gave about a quarter
    // more file-backed inserts/s than Netty's default of 4; idle threads cost only a stack.
    private static final int WORKER_THREADS = 32;

    private Main() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (Options.UsageException e) {
            System.err.println("embedded-store: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            serve(options);
        } catch (Exception e) {
            System.err.println("embedded-store: " + (e.getMessage() != null ? e.getMessage() : e));
            System.exit(1);
        }
    }

    private static void serve(Options options) throws Exception {
        Fatal fatal = Fatal.haltProcess();
        MongoBackend backend = options.inMemory()
                ? new IdFirstMemoryBackend()
                : CommittingH2Backend.open(
                        StoreFile.open(options.dataDir(), options.compaction(), fatal), fatal,
                        line -> System.err.println("embedded-store: " + line));
        backend.version(WireVersion.MONGO_4_4);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress(options.host(), options.port()), 1, WORKER_THREADS);
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            throw new IOException("cannot listen on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
        // SIGTERM, SIGINT and System.exit all run this: stop listening and close the
        // connections, then the backend commits what is left and closes its file.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "shutdown"));
        System.out.println("{\"uri\":\"mongodb://" + hostForUri(server.getLocalAddress()) + "\"}");
        System.out.flush();
        ParentWatch.exitWhenClosed(System.in);
    }

    private static String hostForUri(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
