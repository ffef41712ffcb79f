package chat.fourth.store;

/**
 * What the store does when it can no longer promise what it acknowledges: a failed fsync, a
 * failed disk write (H2 then closes the store for good), or any failure of the commit thread.
 * Going on would acknowledge writes that may not be on disk, or hang every writer, so the
 * process ends and whoever started it restarts it from what the file holds.
 */
@FunctionalInterface
interface Fatal {
    /** Exit status of a store that stopped itself after such a failure. */
    int EXIT_STATUS = 70;

    void stop(String what, Throwable cause);

    /** Says what failed on stderr and halts: shutdown hooks would try to commit again. */
    static Fatal haltProcess() {
        return (what, cause) -> {
            System.err.println("embedded-store: FATAL: " + what + ": " + cause
                    + "; stopping so the store restarts from the last synced state");
            cause.printStackTrace(System.err);
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        };
    }
}
