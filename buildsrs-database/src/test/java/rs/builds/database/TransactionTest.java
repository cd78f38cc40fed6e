package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MetadataExtension.class)
@Tag("contract")
class TransactionTest {
    @Test
    void uncommittedWritesAreOnlyVisibleToTheirOwnHandle(Metadata metadata) {
        try (WriteHandle write = metadata.write()) {
            write.crateAdd("hidden");
            assertTrue(write.crateInfo("hidden").enabled(), "a write handle sees its own writes");
            try (ReadHandle read = metadata.read()) {
                assertThrows(NotFoundException.class, () -> read.crateInfo("hidden"));
            }
            write.commit();
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals("hidden", read.crateInfo("hidden").name());
        }
    }

    @Test
    void closeWithoutCommitRollsBack(Metadata metadata) {
        try (WriteHandle write = metadata.write()) {
            write.crateAdd("gone");
        }
        try (WriteHandle write = metadata.write()) {
            write.crateAdd("gone-too");
            write.rollback();
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(), read.crateList(""));
        }
    }

    @Test
    void aFailedOperationRollsBackTheWholeTransaction(Metadata metadata) {
        try (WriteHandle write = metadata.write()) {
            write.crateAdd("first");
            assertThrows(NotFoundException.class, () -> write.crateVersionAdd("missing", "1.0.0", "a".repeat(64), false));
            IllegalStateException after = assertThrows(IllegalStateException.class, write::commit);
            assertTrue(after.getMessage().contains("crate 'missing' does not exist"), after.getMessage());
            assertThrows(IllegalStateException.class, () -> write.crateAdd("second"));
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(), read.crateList(""));
        }
    }

    @Test
    void handlesRefuseUseAfterTheyEnd(Metadata metadata) {
        WriteHandle write = metadata.write();
        write.commit();
        assertThrows(IllegalStateException.class, write::commit);
        assertThrows(IllegalStateException.class, () -> write.crateAdd("late"));
        write.close();
        write.close();
        ReadHandle read = metadata.read();
        read.close();
        assertThrows(IllegalStateException.class, () -> read.crateInfo("x"));
    }

    @Test
    void inTransactionCommitsAndReturnsTheResult(Metadata metadata) {
        assertEquals("done", metadata.inTransaction(write -> {
            write.crateAdd("a");
            return "done";
        }));
        try (ReadHandle read = metadata.read()) {
            assertEquals("a", read.crateInfo("a").name());
        }
    }

    @Test
    void inTransactionDoesNotRetryOtherErrorsAndCommitsNothing(Metadata metadata) {
        AtomicInteger runs = new AtomicInteger();
        assertThrows(NotFoundException.class, () -> metadata.useTransaction(write -> {
            runs.incrementAndGet();
            write.crateAdd("a");
            write.crateSetEnabled("missing", false);
        }));
        assertEquals(1, runs.get());
        try (ReadHandle read = metadata.read()) {
            assertThrows(NotFoundException.class, () -> read.crateInfo("a"));
        }
    }

    @Test
    void inTransactionThrowsWhenTheWorkCaughtAFailureAndCarriedOn(Metadata metadata) {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> metadata.inTransaction(write -> {
            write.crateAdd("a");
            try {
                write.crateSetEnabled("missing", false);
            } catch (NotFoundException e) {
                // swallowed: the transaction is rolled back all the same
            }
            return "done";
        }));
        assertTrue(error.getMessage().startsWith("nothing was committed"), error.getMessage());
        assertTrue(error.getCause() instanceof NotFoundException, String.valueOf(error.getCause()));
        try (ReadHandle read = metadata.read()) {
            assertThrows(NotFoundException.class, () -> read.crateInfo("a"));
        }
    }

    @Test
    void serializationFailureIsRetried(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("contended");
        });
        AtomicInteger runs = new AtomicInteger();
        boolean result = metadata.inTransaction(Isolation.REPEATABLE_READ, write -> {
            boolean enabled = write.crateInfo("contended").enabled(); // takes the snapshot
            if (runs.incrementAndGet() == 1) {
                // another transaction changes the row after our snapshot: our update must fail with 40001
                metadata.useTransaction(other -> {
                    other.crateSetEnabled("contended", false);
                });
            }
            write.crateSetEnabled("contended", !enabled);
            return !enabled;
        });
        assertEquals(2, runs.get());
        assertTrue(result, "the second run saw the other transaction's write (disabled) and enabled it");
        try (ReadHandle read = metadata.read()) {
            assertTrue(read.crateInfo("contended").enabled());
        }
    }

    @Test
    void deadlockIsRetriedAndBothTransactionsLand(Metadata metadata) throws Exception {
        metadata.useTransaction(write -> {
            write.targetAdd("a");
            write.targetAdd("b");
        });
        CyclicBarrier bothLockedOne = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();
        // threads of its own: the two transactions must run at once to meet at the barrier, and runAsync without an
        // executor does not promise that (Java 17 gave each task a thread on 2 cores; Java 25 queues both on the
        // common pool, and the test timed out there)
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> lockBoth(metadata, "a", "b", bothLockedOne, runs));
            Future<?> second = threads.submit(() -> lockBoth(metadata, "b", "a", bothLockedOne, runs));
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertTrue(runs.get() >= 3, "one transaction was deadlocked and ran again; runs=" + runs.get());
        try (ReadHandle read = metadata.read()) {
            assertTrue(read.targetInfo("a").enabled() && read.targetInfo("b").enabled());
        }
    }

    private static void lockBoth(Metadata metadata, String one, String two, CyclicBarrier barrier, AtomicInteger runs) {
        metadata.useTransaction(write -> {
            boolean firstRun = runs.incrementAndGet() <= 2;
            write.targetSetEnabled(one, true);
            if (firstRun) {
                try {
                    // both hold their first row lock before either asks for the other's: a certain deadlock
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            write.targetSetEnabled(two, true);
        });
    }

    @Test
    void openHandlesAreCountedSoLeaksShow(Metadata metadata) {
        assertEquals(0, metadata.openHandles());
        ReadHandle read = metadata.read();
        WriteHandle write = metadata.write();
        QueueListener listener = metadata.queueListener();
        assertEquals(3, metadata.openHandles());
        read.close();
        read.close();
        write.close();
        listener.close();
        listener.close();
        assertEquals(0, metadata.openHandles(), "closing twice counts once");
        assertThrows(IllegalStateException.class, () -> listener.await(Duration.ofMillis(1)),
                "a closed listener's connection may be another handle's by now");
        assertThrows(NotFoundException.class, () -> metadata.inTransaction(w -> w.crateInfo("nope")));
        assertEquals(0, metadata.openHandles(), "a failed transaction closes its handle");
    }
}
