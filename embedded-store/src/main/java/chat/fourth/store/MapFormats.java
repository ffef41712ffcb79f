package chat.fourth.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Which maps hold BSON documents, and which unique indexes keep their keys in value order.
 * MVStore records neither a map's value type nor its key order in the file, and files
 * written before hold Java-serialized documents and keys in serialized order: a marker per
 * map tells them apart. A map that exists without one is read as it was written, with the
 * default types; a map created now gets its marker before its first write, so no commit can
 * hold a map in the new format without it. Legacy maps stay as they are (no migration).
 */
final class MapFormats {
    // No dot in the name: H2Database.drop() removes every map named "<database>.…".
    static final String MAP_NAME = "chat_fourth_formats";
    static final String BSON = "bson-1";
    static final String VALUE_ORDER = "value-order-1";

    private MapFormats() {}

    /** Opens a collection's document map in the format it has, or BSON when it is new. */
    static MVMap<Object, Document> openDocuments(MVStore store, String mapName) {
        if (isLegacy(store, mapName, BSON)) return store.openMap(mapName);
        return store.openMap(mapName,
                new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
    }

    /** Opens a unique index's map in the key order it has, or value order when it is new. */
    static MVMap<KeyValue, Object> openIndex(MVStore store, String mapName) {
        ObjectDataType keys = isLegacy(store, mapName, VALUE_ORDER)
                ? new IndexKeyType()
                : new ValueOrderKeyType();
        return store.openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(keys));
    }

    /** True for a map written before markers; marks a new map as `current`. */
    private static boolean isLegacy(MVStore store, String mapName, String current) {
        MVMap<String, String> formats = store.openMap(MAP_NAME);
        String format = formats.get(mapName);
        if (format == null && store.hasMap(mapName)) return true;
        if (format == null) {
            formats.put(mapName, current);
        } else if (!format.equals(current)) {
            throw new IllegalStateException(mapName + " has format " + format
                    + ", which this launcher does not read (written by a newer one?)");
        }
        return false;
    }

    /** The marker follows its map to a new name. */
    static void renamed(MVStore store, String from, String to) {
        MVMap<String, String> formats = store.openMap(MAP_NAME);
        String format = formats.remove(from);
        if (format != null) {
            formats.put(to, format);
        } else {
            formats.remove(to); // a legacy map: no marker of a map dropped before may stay
        }
    }

    /**
     * Drops the markers of maps that are gone, so that a later map of the same name made by
     * an older launcher is not read as BSON.
     */
    static void forgetRemoved(MVStore store) {
        MVMap<String, String> formats = store.openMap(MAP_NAME);
        for (String name : List.copyOf(formats.keySet())) {
            if (!store.hasMap(name)) formats.remove(name);
        }
    }
}
