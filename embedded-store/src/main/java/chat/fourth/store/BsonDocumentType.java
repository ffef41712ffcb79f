package chat.fourth.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Stores a collection's documents as BSON instead of MVStore's default Java serialization,
 * which dominated the store's CPU under write load: every page that a commit writes
 * serializes all its documents, and every page read back deserializes them. The encoder and
 * decoder are the ones the server speaks the wire with, so a document reads back as it came.
 *
 * <p>A value the BSON encoder does not know (no client can send one, but the server's own
 * update operators make values too) is kept Java-serialized as before, behind its own tag:
 * page writes happen at commit, and one odd value must not fail every commit after it.
 */
final class BsonDocumentType extends BasicDataType<Document> {
    private static final byte BSON = 'B';
    private static final byte SERIALIZED = 'J';

    // MVStore splits pages and budgets its cache by these estimates. The default type
    // estimates twice a value's Java-serialized size, which is 1.3-3x its BSON size for the
    // relay's documents; this factor keeps pages about as many documents long as before, so
    // a commit rewrites no more documents per changed page.
    private static final int MEMORY_PER_BSON_BYTE = 4;

    private final ObjectDataType fallback = new ObjectDataType();
    /** Running average of the BSON sizes written, per map, as ObjectDataType keeps its own. */
    private volatile int averageSize = 1024;

    @Override
    public int getMemory(Document document) {
        return averageSize * MEMORY_PER_BSON_BYTE;
    }

    @Override
    public void write(WriteBuffer buff, Document document) {
        ByteBuf bson = Unpooled.buffer(averageSize * 2);
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException e) {
            buff.put(SERIALIZED);
            fallback.write(buff, document);
            return;
        }
        int size = bson.readableBytes();
        averageSize = (size + 15 * averageSize) / 16;
        buff.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
    }

    @Override
    public Document read(ByteBuffer buff) {
        byte tag = buff.get();
        if (tag == SERIALIZED) return (Document) fallback.read(buff);
        if (tag != BSON) throw new IllegalStateException("unknown document tag " + tag);
        // A BSON document starts with its own length, little-endian, that length included.
        int size = buff.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer bson = buff.slice();
        bson.limit(size);
        buff.position(buff.position() + size);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
