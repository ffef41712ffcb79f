package chat.fourth.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Which collection maps hold BSON documents. MVStore does not record a map's value type in
 * the file, and files written before BSON hold Java-serialized documents: a marker per map
 * tells them apart. A map that exists without one is read as it was written, with the
 * default type; a map created now gets the marker before its first write, so no commit can
 * hold BSON documents without it. Legacy maps stay as they are (no migration).
 */
final class MapFormats {
    // No dot in the name: H2Database.drop() removes every map named "<database>.…".
    static final String MAP_NAME = "chat_fourth_formats";
    static final String BSON = "bson-1";

    private MapFormats() {}

    /** Opens a collection's document map in the format it has, or BSON when it is new. */
    static MVMap<Object, Document> openDocuments(MVStore store, String mapName) {
        MVMap<String, String> formats = store.openMap(MAP_NAME);
        String format = formats.get(mapName);
        if (format == null && store.hasMap(mapName)) return store.openMap(mapName);
        if (format == null) {
            formats.put(mapName, BSON);
        } else if (!format.equals(BSON)) {
            throw new IllegalStateException(mapName + " has format " + format
                    + ", which this launcher does not read (written by a newer one?)");
        }
        return store.openMap(mapName,
                new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
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
