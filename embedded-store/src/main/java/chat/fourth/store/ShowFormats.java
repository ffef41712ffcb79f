package chat.fourth.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Prints how each collection of a stopped store's data directory keeps its documents, and
 * each unique index its keys, as one JSON object: {"databases.DB.COLLECTION": "bson-1" or
 * "java-serialized", "DB.COLLECTION._index_NAME": "value-order-1" or "serialized-order"}.
 * For operators (which maps predate the current formats) and for the tests of the markers.
 */
public final class ShowFormats {
    private static final String LEGACY_DOCUMENTS = "java-serialized";
    private static final String LEGACY_KEYS = "serialized-order";

    private ShowFormats() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: chat.fourth.store.ShowFormats DATA_DIR (of a stopped store)");
            System.exit(2);
        }
        String file = Path.of(args[0]).resolve(StoreFile.NAME).toString();
        MVStore store = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            System.out.println(toJson(formats(store)));
        } finally {
            store.close();
        }
    }

    private static Map<String, String> formats(MVStore store) {
        Map<String, String> markers = store.hasMap(MapFormats.MAP_NAME)
                ? store.<String, String>openMap(MapFormats.MAP_NAME)
                : Map.of();
        Map<String, String> formats = new TreeMap<>();
        for (String name : store.getMapNames()) {
            if (name.startsWith(IdFirstH2Database.DOCUMENTS_PREFIX)) {
                formats.put(name, markers.getOrDefault(name, LEGACY_DOCUMENTS));
            } else if (name.contains(IdFirstH2Database.INDEX_INFIX)) {
                formats.put(name, markers.getOrDefault(name, LEGACY_KEYS));
            }
        }
        return formats;
    }

    private static String toJson(Map<String, String> formats) {
        StringJoiner json = new StringJoiner(",", "{", "}");
        formats.forEach((name, format) -> json.add(quote(name) + ":" + quote(format)));
        return json.toString();
    }

    // Collection names may hold quotes and backslashes, never control characters.
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
