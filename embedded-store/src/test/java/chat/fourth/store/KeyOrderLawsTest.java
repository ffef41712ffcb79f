package chat.fourth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/**
 * ValueOrderKeyType must be a total order (a B-tree misfiles keys otherwise), equal exactly when
 * the serialized keys are (a unique index refuses what it always did), and read back what it
 * wrote. Checked over random index keys of every kind an index holds.
 */
class KeyOrderLawsTest {
    private static final int KEYS = 400;
    private final ValueOrderKeyType order = new ValueOrderKeyType();
    private final ObjectDataType serialized = new ObjectDataType();
    private final Random random = new Random(42);

    @Test
    void theOrderIsTotalAndEqualExactlyWhenTheSerializedKeysAre() {
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) keys.add(key());
        keys.addAll(keys.subList(0, KEYS / 4)); // equal keys, as separate objects below
        for (KeyValue a : keys) {
            assertEquals(0, order.compare(a, a), "reflexive: " + a);
            for (KeyValue b : keys) {
                int ab = Integer.signum(order.compare(a, b));
                assertEquals(-ab, Integer.signum(order.compare(b, a)), "antisymmetric: " + a + " " + b);
                boolean sameBytes = Arrays.equals(bytes(a), bytes(b));
                assertEquals(sameBytes, ab == 0, "equal iff serialized equal: " + a + " " + b);
            }
        }
        List<KeyValue> sorted = new ArrayList<>(keys);
        sorted.sort(order::compare);
        for (int i = 0; i + 2 < sorted.size(); i += 3) {
            KeyValue a = sorted.get(i);
            KeyValue c = sorted.get(i + 2);
            assertTrue(order.compare(a, c) <= 0, "transitive: " + a + " " + c);
        }
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                for (KeyValue c : List.of(keys.get(random.nextInt(keys.size())))) {
                    if (order.compare(a, b) <= 0 && order.compare(b, c) <= 0) {
                        assertTrue(order.compare(a, c) <= 0, "transitive: " + a + " " + b + " " + c);
                    }
                }
            }
        }
    }

    @Test
    void aKeyReadsBackAsWritten() {
        for (int i = 0; i < KEYS; i++) {
            KeyValue key = key();
            WriteBuffer buffer = new WriteBuffer();
            order.write(buffer, key);
            ByteBuffer written = buffer.getBuffer();
            written.flip();
            Object read = order.read(written);
            assertEquals(0, order.compare(key, read), key + " read back as " + read);
            assertEquals(key, read);
        }
    }

    private KeyValue key() {
        int size = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        Object[] values = new Object[size];
        for (int i = 0; i < size; i++) values[i] = value(2);
        return new KeyValue(values);
    }

    private Object value(int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> null;
            case 1 -> "s" + random.nextInt(20);
            case 2 -> (long) random.nextInt(20) - 10;
            case 3 -> (double) random.nextInt(20) / 4;
            case 4 -> random.nextBoolean();
            case 5 -> new ObjectId(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) random.nextInt(8)});
            case 6 -> new Date(random.nextInt(5) * 1000L);
            case 7 -> new Document("a", value(depth - 1)).append("b", value(depth - 1));
            default -> Arrays.asList(value(depth - 1), value(depth - 1));
        };
    }

    private byte[] bytes(Object key) {
        WriteBuffer buffer = new WriteBuffer();
        serialized.write(buffer, key);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }
}
