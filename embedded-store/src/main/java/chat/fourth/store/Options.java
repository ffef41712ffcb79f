package chat.fourth.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/** The command line: where the data lives and where to listen. */
record Options(Path dataDir, String host, int port, boolean compaction) {

    static final String USAGE = String.join("\n",
            "usage: chat.fourth.store.Main (--memory | --data-dir DIR) [--host HOST] [--port PORT]"
                    + " [--compaction on|off]",
            "  --memory        keep everything in memory (tests); nothing survives the process",
            "  --data-dir DIR  keep the data in DIR/" + StoreFile.NAME + " (DIR is created, mode 0700)",
            "  --host HOST     a loopback address to listen on (default 127.0.0.1)",
            "  --port PORT     TCP port (default 0: a free one)",
            "  --compaction    on (default): free mostly dead parts of the file while running;",
            "                  off: the file only reuses wholly dead parts (grows about 2x)",
            "Prints {\"uri\":\"mongodb://HOST:PORT\"} once listening; exits when stdin closes.");

    /** Thrown for a command line that cannot be run; the message says what to change. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    boolean inMemory() {
        return dataDir == null;
    }

    static Options parse(List<String> args) throws UsageException {
        Path dataDir = null;
        boolean memory = false;
        String host = "127.0.0.1";
        int port = 0;
        boolean compaction = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--memory" -> memory = true;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--host" -> host = value(args, ++i, arg);
                case "--port" -> port = port(value(args, ++i, arg));
                case "--compaction" -> compaction = onOff(value(args, ++i, arg), arg);
                default -> throw new UsageException("unknown argument " + arg);
            }
        }
        if (memory == (dataDir != null)) {
            throw new UsageException("give exactly one of --memory and --data-dir DIR");
        }
        requireLoopback(host);
        return new Options(dataDir, host, port, compaction);
    }

    private static String value(List<String> args, int index, String flag) throws UsageException {
        if (index >= args.size()) throw new UsageException(flag + " needs a value");
        return args.get(index);
    }

    private static boolean onOff(String text, String flag) throws UsageException {
        return switch (text) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException(flag + " must be on or off, not " + text);
        };
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) return port;
        } catch (NumberFormatException ignored) {
            // reported below, with the other bad values
        }
        throw new UsageException("--port must be a number from 0 to 65535, not " + text);
    }

    // The store has no authentication: anything that can reach the port can read and
    // change every document, so it must never listen beyond this machine.
    private static void requireLoopback(String host) throws UsageException {
        try {
            if (InetAddress.getByName(host).isLoopbackAddress()) return;
        } catch (UnknownHostException e) {
            throw new UsageException("--host " + host + " does not resolve");
        }
        throw new UsageException("--host " + host + " is not a loopback address; the store has no"
                + " authentication, so it only listens on this machine (127.0.0.1 or ::1)");
    }
}
