package chat.fourth.store;

import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend's and database's constructors open what the file already holds through
 * methods we override, before our subclasses' fields are set. The MVStore they need reaches
 * those overrides through here while the constructor runs.
 */
final class Constructing {
    private static final ThreadLocal<MVStore> STORE = new ThreadLocal<>();

    private Constructing() {}

    static <T> T with(MVStore store, Supplier<T> constructor) {
        MVStore outer = STORE.get();
        STORE.set(store);
        try {
            return constructor.get();
        } finally {
            STORE.set(outer);
        }
    }

    /** `own` once the constructor has finished, else the store being constructed with. */
    static MVStore store(MVStore own) {
        return own != null ? own : STORE.get();
    }
}
