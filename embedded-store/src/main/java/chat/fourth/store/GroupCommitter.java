package chat.fourth.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Group commit: a writer waits for a round that starts after its write finished. One thread
 * runs the rounds: it takes every writer that has joined so far, makes their writes durable
 * once (the round), and releases them together; writers that join meanwhile wait for the next
 * round. Under load one round covers many writes, so acknowledging only durable writes costs
 * about one commit and one fsync per round instead of per write.
 *
 * <p>A round that fails in any way (an Error too) fails its writers and ends the store through
 * `fatal`: a store that cannot commit must neither acknowledge nor keep writers waiting.
 */
final class GroupCommitter {
    private final Runnable round;
    private final Fatal fatal;
    private final Thread thread;
    /** The round that writers join now; null while nobody waits. */
    private CompletableFuture<Void> open;
    private boolean closed;
    private Throwable failure;

    GroupCommitter(Runnable round, Fatal fatal) {
        this.round = round;
        this.fatal = fatal;
        this.thread = new Thread(this::run, "group-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Blocks until a round that started after this call has finished; rethrows its failure. */
    void awaitCommit() {
        CompletableFuture<Void> joined;
        synchronized (this) {
            if (failure != null) throw new IllegalStateException("the store failed", failure);
            if (closed) throw new IllegalStateException("the store is shutting down");
            if (open == null) {
                open = new CompletableFuture<>();
                notifyAll();
            }
            joined = open;
        }
        try {
            joined.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause
                    ? cause
                    : new IllegalStateException("the commit failed", e.getCause());
        }
    }

    private void run() {
        for (;;) {
            CompletableFuture<Void> current;
            synchronized (this) {
                while (open == null && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (open == null) return;
                current = open;
                open = null;
            }
            try {
                round.run();
                current.complete(null);
            } catch (Throwable e) {
                fail(current, e);
                return;
            }
        }
    }

    // The store stops first (the process ends there); writers only hear of it in tests.
    private void fail(CompletableFuture<Void> current, Throwable e) {
        CompletableFuture<Void> next;
        synchronized (this) {
            failure = e;
            next = open;
            open = null;
        }
        fatal.stop("a commit failed", e);
        current.completeExceptionally(e);
        if (next != null) next.completeExceptionally(e);
    }

    /** Runs a last round for the writers still waiting, then stops the thread. */
    void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
