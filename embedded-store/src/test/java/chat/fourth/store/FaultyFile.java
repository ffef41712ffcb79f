package chat.fourth.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CountDownLatch;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ("faulty:" + path) over the real one that injects the failures a disk can
 * have, and records what reaches the file. H2 makes its file paths by reflection, so the
 * controls are static: a test sets them up, and {@link #reset} clears them.
 */
public final class FaultyFile extends FilePathWrapper {
    static final String SCHEME = "faulty";

    /** Thrown by the next sync (then cleared); an Error as well as an IOException. */
    static volatile Throwable nextSyncFailure;
    /** Thrown by every write while set. */
    static volatile IOException writeFailure;
    /** While set, a sync waits for it; `syncEntered` is counted down as a sync begins. */
    static volatile CountDownLatch syncGate;
    static volatile CountDownLatch syncEntered;
    /** Sees every write and sync that reaches the file. */
    static volatile FileRecorder recorder;

    static {
        FilePath.register(new FaultyFile());
    }

    static String path(java.nio.file.Path file) {
        return SCHEME + ":" + file;
    }

    static void reset() {
        nextSyncFailure = null;
        writeFailure = null;
        syncGate = null;
        syncEntered = null;
        recorder = null;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    private static final class Channel extends FileBase {
        private final FileChannel base;

        Channel(FileChannel base) {
            this.base = base;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            IOException failure = writeFailure;
            if (failure != null) throw failure;
            FileRecorder sink = recorder;
            if (sink != null) sink.write(position, src.duplicate());
            return base.write(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            CountDownLatch entered = syncEntered;
            if (entered != null) entered.countDown();
            CountDownLatch gate = syncGate;
            if (gate != null) await(gate);
            Throwable failure = nextSyncFailure;
            if (failure != null) {
                nextSyncFailure = null;
                if (failure instanceof IOException io) throw io;
                if (failure instanceof Error error) throw error;
                throw (RuntimeException) failure;
            }
            base.force(metaData);
            FileRecorder sink = recorder;
            if (sink != null) sink.synced();
        }

        private static void await(CountDownLatch gate) throws IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return write(src, base.position());
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            FileRecorder sink = recorder;
            if (sink != null) sink.truncate(size);
            base.truncate(size);
            return this;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return base.map(mode, position, size);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count)
                throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target)
                throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
