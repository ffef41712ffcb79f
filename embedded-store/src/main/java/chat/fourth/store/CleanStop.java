package chat.fourth.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Whether the store was stopped cleanly last time: a marker in the file, "running" from open
 * until a clean close writes "stopped". A file with data and no marker comes from a launcher
 * before the marker and counts as unclean (its indexes are checked once).
 */
final class CleanStop {
    // No dot in the name: H2Database.drop() removes every map named "<database>.…".
    private static final String MAP_NAME = "chat_fourth_state";
    private static final String KEY = "last-stop";
    private static final String RUNNING = "running";
    private static final String STOPPED = "stopped";

    private CleanStop() {}

    static boolean wasUnclean(MVStore store) {
        if (!store.hasMap(MAP_NAME)) return !store.getMapNames().isEmpty();
        return !STOPPED.equals(marker(store).get(KEY));
    }

    /** Marks the store running; the next commit makes it so on disk. */
    static void running(MVStore store) {
        marker(store).put(KEY, RUNNING);
    }

    /** Marks a clean stop; the closing commit writes it. */
    static void stopped(MVStore store) {
        marker(store).put(KEY, STOPPED);
    }

    private static MVMap<String, String> marker(MVStore store) {
        return store.openMap(MAP_NAME);
    }
}
