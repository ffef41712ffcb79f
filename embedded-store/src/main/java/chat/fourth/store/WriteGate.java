package chat.fourth.store;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Write commands run together; a commit runs alone. mongo-java-server writes a document and
 * each of its index entries as separate map operations, and MVStore captures one map after
 * another when it commits: a commit taken while a command runs can hold the document without
 * its index entry. After a crash such a document is invisible by _id and its id can never be
 * written again. Holding commands back while committing makes every commit whole commands.
 */
final class WriteGate {
    private final Lock command;
    private final Lock exclusive;

    WriteGate() {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        this.command = lock.readLock();
        this.exclusive = lock.writeLock();
    }

    /** Runs one write command; commands run side by side, never during `exclusively`. */
    <T> T command(Supplier<T> work) {
        command.lock();
        try {
            return work.get();
        } finally {
            command.unlock();
        }
    }

    /** Runs `work` with no command in progress and none starting until it ends. */
    void exclusively(Runnable work) {
        exclusive.lock();
        try {
            work.run();
        } finally {
            exclusive.unlock();
        }
    }
}
