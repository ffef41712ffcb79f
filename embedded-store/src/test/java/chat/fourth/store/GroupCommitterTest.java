package chat.fourth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aWriterIsReleasedOnlyByARoundThatBeganAfterItJoined() throws Exception {
        AtomicInteger roundsBegun = new AtomicInteger();
        CountDownLatch firstRoundRunning = new CountDownLatch(1);
        CountDownLatch finishFirstRound = new CountDownLatch(1);
        GroupCommitter committer = new GroupCommitter(() -> {
            if (roundsBegun.incrementAndGet() == 1) {
                firstRoundRunning.countDown();
                await(finishFirstRound);
            }
        }, new TestStore.RecordingFatal());

        CompletableFuture<Integer> early = waitingWriter(committer, roundsBegun);
        assertTrue(firstRoundRunning.await(30, TimeUnit.SECONDS));
        // Joins while the first round runs: that round may have missed this writer's write.
        CompletableFuture<Integer> late = waitingWriter(committer, roundsBegun);
        finishFirstRound.countDown();

        assertTrue(early.get(30, TimeUnit.SECONDS) >= 1);
        // Had the first round released it, no second round would ever have begun.
        assertEquals(2, late.get(30, TimeUnit.SECONDS), "released by a round begun after it joined");
        committer.close();
    }

    @Test
    void manyWritersShareOneRound() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch holdFirst = new CountDownLatch(1);
        CountDownLatch firstRunning = new CountDownLatch(1);
        GroupCommitter committer = new GroupCommitter(() -> {
            if (rounds.incrementAndGet() == 1) {
                firstRunning.countDown();
                await(holdFirst);
            }
        }, new TestStore.RecordingFatal());
        CompletableFuture<Integer> first = waitingWriter(committer, rounds);
        assertTrue(firstRunning.await(30, TimeUnit.SECONDS));
        CompletableFuture<?>[] joined = new CompletableFuture<?>[20];
        for (int i = 0; i < joined.length; i++) joined[i] = waitingWriter(committer, rounds);
        holdFirst.countDown();
        first.get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(joined).get(30, TimeUnit.SECONDS);
        assertEquals(2, rounds.get(), "the 20 writers that joined during the first round share one");
        committer.close();
    }

    @Test
    void aFailedRoundFailsItsWritersAndEndsTheStore() {
        TestStore.RecordingFatal fatal = new TestStore.RecordingFatal();
        IllegalStateException failure = new IllegalStateException("disk gone");
        GroupCommitter committer = new GroupCommitter(() -> {
            throw failure;
        }, fatal);

        RuntimeException seen = assertTimeoutPreemptively(DEADLINE,
                () -> assertThrows(RuntimeException.class, committer::awaitCommit));
        assertSame(failure, seen);
        assertEquals(1, fatal.stops.size());
        assertSame(failure, fatal.causes.get(0));
        // Nothing is acknowledged after it: a later writer fails at once.
        assertThrows(IllegalStateException.class, committer::awaitCommit);
    }

    @Test
    void anErrorOnTheCommitThreadFailsWritersInsteadOfBlockingThem() {
        TestStore.RecordingFatal fatal = new TestStore.RecordingFatal();
        NoSuchMethodError failure = new NoSuchMethodError("org.h2.mvstore.FileStore.chunks");
        GroupCommitter committer = new GroupCommitter(() -> {
            throw failure;
        }, fatal);

        RuntimeException seen = assertTimeoutPreemptively(DEADLINE,
                () -> assertThrows(RuntimeException.class, committer::awaitCommit));
        assertSame(failure, seen.getCause());
        assertSame(failure, fatal.causes.get(0));
        assertFalse(fatal.stops.isEmpty());
    }

    /** A writer on a thread of its own, once it waits for its round; answers the rounds begun. */
    private static CompletableFuture<Integer> waitingWriter(GroupCommitter committer,
            AtomicInteger rounds) throws InterruptedException {
        CompletableFuture<Integer> released = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            committer.awaitCommit();
            released.complete(rounds.get());
        });
        writer.start();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (writer.getState() != Thread.State.WAITING && !released.isDone()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("writer never waited");
            Thread.onSpinWait();
        }
        return released;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
