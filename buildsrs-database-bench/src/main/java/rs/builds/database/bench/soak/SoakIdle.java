package rs.builds.database.bench.soak;

/** Where idle builders wait until the queue listener says work may have come, or their own timeout passes. */
final class SoakIdle {
    private long generation;

    synchronized void await(long millis) throws InterruptedException {
        long seen = generation;
        long deadline = System.currentTimeMillis() + millis;
        while (generation == seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    synchronized void wakeAll() {
        generation++;
        notifyAll();
    }
}
