package chat.fourth.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * The parent holds the write end of our stdin. When it exits, however it exits (even
 * SIGKILL), stdin reaches end of file and the store shuts down cleanly instead of being
 * left behind holding the port and the data file.
 */
final class ParentWatch {
    private ParentWatch() {}

    static void exitWhenClosed(InputStream stdin) {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (stdin.read(buffer) != -1) {
                    // whatever the parent writes means nothing; only the end of it does
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as end of file
            }
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
