package chat.fourth.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of unique indexes written before value order (see MapFormats and
 * ValueOrderKeyType): MVStore's default type, in the file and in its order, but faster to
 * search. The default type compares two index keys (KeyValue, which is not
 * Comparable) by Java-serializing both, on every comparison of a binary search: a third of
 * the store's CPU under write load went there. This serializes the key searched for once per
 * search and compares those bytes exactly as the default type does, so every search finds
 * what it found before, and files written with either type read with the other.
 */
final class IndexKeyType extends ObjectDataType {
    @Override
    public int binarySearch(Object key, Object storage, int size, int initialGuess) {
        if (!(key instanceof KeyValue)) return super.binarySearch(key, storage, size, initialGuess);
        Object[] keys = (Object[]) storage;
        byte[] searched = serialize(key);
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compareTo(searched, key, keys[middle]);
            if (order == 0) return middle;
            if (order > 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return ~low; // where it would go, as BasicDataType.binarySearch answers
    }

    // ObjectDataType's own comparison of two non-Comparable objects of one serialized kind.
    private int compareTo(byte[] searched, Object key, Object other) {
        return other instanceof KeyValue
                ? compareNotNull(searched, serialize(other))
                : compare(key, other);
    }
}
