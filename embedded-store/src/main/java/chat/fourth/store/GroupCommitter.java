package chat.fourth.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Group commit: a writer waits for a commit that starts after its write finished. One
 * thread commits for everyone: it takes every writer that has joined so far, commits
 * once, and releases them together; writers that join while it commits wait for the next
 * round. Under load one commit covers many writes, so acknowledging only committed writes
 * costs about one commit per round instead of one per write.
 */
final class GroupCommitter {
    private final Runnable commit;
    private final Thread thread;
    /** The round that writers join now; null while nobody waits. */
    private CompletableFuture<Void> open;
    private boolean closed;

    GroupCommitter(Runnable commit) {
        this.commit = commit;
        this.thread = new Thread(this::run, "group-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Blocks until a commit that started after this call has finished; rethrows its failure. */
    void awaitCommit() {
        CompletableFuture<Void> round;
        synchronized (this) {
            if (closed) throw new IllegalStateException("the store is shutting down");
            if (open == null) {
                open = new CompletableFuture<>();
                notifyAll();
            }
            round = open;
        }
        try {
            round.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void run() {
        for (;;) {
            CompletableFuture<Void> round;
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
                round = open;
                open = null;
            }
            try {
                commit.run();
                round.complete(null);
            } catch (RuntimeException e) {
                round.completeExceptionally(e);
            }
        }
    }

    /** Commits for the writers still waiting, then stops the thread. */
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
