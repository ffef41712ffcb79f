package chat.fourth.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The unique indexes' key type for index maps made by this launcher: keys ordered by
 * comparing their values instead of their Java-serialized bytes, and a key of one string
 * (every _id and unique key the relay makes) written as that string. The index only looks
 * keys up exactly and walks them all, so any fixed total order serves; this one costs no
 * serialization per comparison, where the serialized order (IndexKeyType) took two fifths of
 * the store's CPU under write load, and Java serialization of the keys of every index page
 * a commit wrote took another tenth. Two keys compare equal exactly when their serialized
 * bytes are equal, as before, so a unique index refuses the same keys it always did. Maps
 * written in the serialized order keep it (see MapFormats).
 */
final class ValueOrderKeyType extends ObjectDataType {
    private static final byte SERIALIZED = 'J';
    private static final byte ONE_STRING = 'S';

    @Override
    public void write(WriteBuffer buff, Object key) {
        if (key instanceof KeyValue k && k.size() == 1 && k.get(0) instanceof String text) {
            buff.put(ONE_STRING);
            StringDataType.INSTANCE.write(buff, text);
            return;
        }
        buff.put(SERIALIZED);
        super.write(buff, key);
    }

    @Override
    public Object read(ByteBuffer buff) {
        byte tag = buff.get();
        if (tag == ONE_STRING) return new KeyValue(StringDataType.INSTANCE.read(buff));
        if (tag != SERIALIZED) throw new IllegalStateException("unknown index key tag " + tag);
        return super.read(buff);
    }

    @Override
    public int compare(Object a, Object b) {
        return a instanceof KeyValue x && b instanceof KeyValue y
                ? compareSequences(x.size(), y.size(), x::get, y::get)
                : super.compare(a, b);
    }

    // Index keys hold normalized values: null, Double, Long, String, Boolean, ObjectId, dates,
    // documents, lists and a few BSON types. Each kind orders among itself; kinds by class name.
    @SuppressWarnings("unchecked")
    private int compareValues(Object a, Object b) {
        if (a == b) return 0;
        if (a == null) return -1;
        if (b == null) return 1;
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        if (a instanceof Comparable<?> comparable) return ((Comparable<Object>) comparable).compareTo(b);
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) return compareMaps(x, y);
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return compareSequences(x.size(), y.size(), x::get, y::get);
        }
        return super.compare(a, b); // a kind with no order of its own: its serialized bytes
    }

    // Field order counts, as it does in the serialized form.
    private int compareMaps(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) return Integer.compare(a.size(), b.size());
        Iterator<? extends Map.Entry<?, ?>> left = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<?, ?> x = left.next();
            Map.Entry<?, ?> y = right.next();
            int order = compareValues(x.getKey(), y.getKey());
            if (order == 0) order = compareValues(x.getValue(), y.getValue());
            if (order != 0) return order;
        }
        return 0;
    }

    // Shorter first, then element by element.
    private int compareSequences(int sizeA, int sizeB, IntFunction<?> a, IntFunction<?> b) {
        if (sizeA != sizeB) return Integer.compare(sizeA, sizeB);
        for (int i = 0; i < sizeA; i++) {
            int order = compareValues(a.apply(i), b.apply(i));
            if (order != 0) return order;
        }
        return 0;
    }
}
