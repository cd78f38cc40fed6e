package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two threads of a sync's streaming: whatever fails, both stop, and the failure reaches the caller. */
@Timeout(60) // a side that misses the other's end waits forever
class SyncHandoffTest {
    /** Records what it is given, on which thread; fails or dawdles where told. */
    static final class Recorder implements SyncHandoff.Consumer<Integer> {
        final List<Integer> items = new ArrayList<>();
        final int failAt;
        final long pauseMillis;
        Thread thread;
        int finished;

        Recorder(int failAt, long pauseMillis) {
            this.failAt = failAt;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public void accept(Integer item) throws SQLException {
            thread = Thread.currentThread();
            if (items.isEmpty() && pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis); // the reading side fills the queue meanwhile
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            if (items.size() == failAt) {
                throw new SQLException("consumer failed at " + failAt);
            }
            items.add(item);
        }

        @Override
        public void finish() {
            finished++;
        }
    }

    static Iterator<Integer> counting(int size, AtomicInteger read, int failAt) {
        return IntStream.range(0, size).mapToObj(i -> {
            read.incrementAndGet();
            if (i == failAt) {
                throw new IllegalStateException("input failed at " + i);
            }
            return i == 7 ? null : i;
        }).iterator();
    }

    @Test
    void everyItemArrivesInOrderOnAnotherThreadThenTheConsumerFinishesOnce() throws Exception {
        Recorder recorder = new Recorder(-1, 0);
        int size = 5 * SyncHandoff.BATCH + 3;
        SyncHandoff.run(counting(size, new AtomicInteger(), -1), recorder);
        List<Integer> expected = new ArrayList<>(IntStream.range(0, size).boxed().toList());
        expected.set(7, null);
        assertEquals(expected, recorder.items);
        assertEquals(1, recorder.finished);
        assertFalse(recorder.thread == Thread.currentThread());
        assertFalse(recorder.thread.isAlive());
        SyncHandoff.run(List.<Integer>of().iterator(), recorder);
        assertEquals(2, recorder.finished, "an empty input is finished too");
    }

    @Test
    void aConsumerFailureReachesTheCallerWhichStopsReading() {
        AtomicInteger read = new AtomicInteger();
        // the consumer dawdles at first, so the reading side is blocked on a full queue when it fails
        Recorder recorder = new Recorder(10, 300);
        SQLException error = assertThrows(SQLException.class,
                () -> SyncHandoff.run(counting(1_000_000, read, -1), recorder));
        assertEquals("consumer failed at 10", error.getMessage());
        assertEquals(0, recorder.finished);
        assertFalse(recorder.thread.isAlive());
        assertTrue(read.get() <= (SyncHandoff.QUEUED + 2) * SyncHandoff.BATCH, "read " + read.get());
    }

    @Test
    void anInputFailureReachesTheCallerAndStopsTheConsumerUnfinished() {
        AtomicInteger read = new AtomicInteger();
        Recorder recorder = new Recorder(-1, 0);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> SyncHandoff.run(counting(100_000, read, 50_000), recorder));
        assertEquals("input failed at 50000", error.getMessage());
        assertEquals(0, recorder.finished);
        assertFalse(recorder.thread.isAlive());
        assertTrue(recorder.items.size() <= 50_000);
        RuntimeException unchecked = new UnsupportedOperationException("consumer threw an unchecked one");
        SyncHandoff.Consumer<Integer> throwing = new SyncHandoff.Consumer<>() {
            @Override
            public void accept(Integer item) {
                throw unchecked;
            }

            @Override
            public void finish() {
            }
        };
        assertSame(unchecked, assertThrows(UnsupportedOperationException.class,
                () -> SyncHandoff.run(Arrays.asList(1, 2, 3).iterator(), throwing)));
    }
}
