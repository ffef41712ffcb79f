package chat.fourth.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Every write and truncation that reached a file, in order, and where each sync happened: the
 * file as a power cut at any moment could leave it can be rebuilt from it.
 */
final class FileRecorder {
    private record Op(long position, byte[] bytes, long truncateTo) {}

    private final List<Op> ops = new ArrayList<>();
    private final List<Integer> syncedOps = new ArrayList<>();

    synchronized void write(long position, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        ops.add(new Op(position, bytes, -1));
    }

    synchronized void truncate(long size) {
        ops.add(new Op(0, null, size));
    }

    synchronized void synced() {
        syncedOps.add(ops.size());
    }

    synchronized int syncs() {
        return syncedOps.size();
    }

    synchronized int ops() {
        return ops.size();
    }

    /**
     * The file after a power cut that came when `ops` operations had been issued and `syncs`
     * syncs had completed: everything the last of those syncs covered, then each later
     * operation kept or lost at random (the disk may have written any of them).
     */
    synchronized byte[] afterPowerCut(int syncs, int ops, Random random) {
        int durable = syncs == 0 ? 0 : syncedOps.get(syncs - 1);
        byte[] file = new byte[1 << 20];
        int length = 0;
        for (int i = 0; i < ops; i++) {
            if (i >= durable && random.nextBoolean()) continue;
            Op op = this.ops.get(i);
            if (op.bytes == null) {
                int kept = (int) Math.min(length, op.truncateTo);
                Arrays.fill(file, kept, length, (byte) 0);
                length = kept;
                continue;
            }
            int end = (int) op.position + op.bytes.length;
            if (end > file.length) file = Arrays.copyOf(file, Math.max(end, file.length * 2));
            System.arraycopy(op.bytes, 0, file, (int) op.position, op.bytes.length);
            length = Math.max(length, end);
        }
        return Arrays.copyOf(file, length);
    }

    /** For a failing test's message. */
    @Override
    public synchronized String toString() {
        return ops.size() + " operations, " + syncedOps.size() + " syncs";
    }
}
