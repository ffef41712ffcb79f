package chat.fourth.store;

import de.bwaldvogel.mongo.MongoVersion;
import java.util.List;

/**
 * The version the server announces. mongo-java-server's newest built-in one speaks wire
 * version 8, which the Node driver 7 refuses; what the relay uses behaves as MongoDB 4.4
 * (wire 9) expects.
 */
enum WireVersion implements MongoVersion {
    MONGO_4_4;

    @Override
    public List<Integer> getVersionArray() {
        return List.of(4, 4, 0);
    }

    @Override
    public int getWireVersion() {
        return 9;
    }
}
