package rs.builds.database.bench.soak;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import rs.builds.database.DatabaseException;

/**
 * A day of production in minutes: 32 builders, the expiry sweep and the queue listener of the backend, the registry
 * sync, an admin at the command line and faults (terminated sessions, the server stopped at once and started again
 * twice), all against one server; then, with everything stopped, the invariants of what they did, printed with the
 * throughput of each operation and the errors by kind. {@code --only soak} of the benchmark jar.
 */
public final class Soak {
    /**
     * How to run it.
     *
     * @param minutes how long the actors run
     * @param serverConnections PgBouncer's server connections per login, in transaction mode; 0 to connect directly
     * @param builders how many builders
     * @param crates crates in the registry at the start
     * @param cliJar the admin CLI's runnable jar
     * @param heapLimitMb the most heap, in MB, the run may hold after a full GC at the end
     * @param seed the random seed of every actor's choices
     */
    public record Options(double minutes, int serverConnections, int builders, int crates, Path cliJar,
                          long heapLimitMb, long seed) {
    }

    private Soak() {
    }

    /**
     * Runs the soak and prints its report.
     *
     * @param options how to run it
     * @param out where the report goes
     * @return whether every invariant held
     * @throws Exception if the set-up fails
     */
    public static boolean run(Options options, PrintStream out) throws Exception {
        Random random = new Random(options.seed());
        SoakStats stats = new SoakStats();
        SoakLedger ledger = new SoakLedger();
        SoakRegistry registry = new SoakRegistry(options.crates(), random);
        long setUpStart = System.nanoTime();
        List<SoakCheck> checks = new ArrayList<>();
        try (SoakWorld world = SoakWorld.create(new SoakCli(options.cliJar(), List.of()), registry,
                options.builders(), options.serverConnections())) {
            String serverVersion = world.serverVersion();
            long heapBefore = SoakChecks.heapAfterFullGc();
            System.err.printf("soak: set up %,d crates, %d builders in %.0f s; running for %.1f minutes%n",
                    options.crates(), options.builders(), (System.nanoTime() - setUpStart) / 1e9, options.minutes());
            AtomicBoolean stopping = new AtomicBoolean();
            long durationMillis = Math.round(options.minutes() * 60_000);
            long start = System.currentTimeMillis();
            SoakIdle idle = new SoakIdle();
            List<SoakActor> actors = new ArrayList<>();
            for (UUID builder : world.builders) {
                actors.add(new SoakBuilder(builder, world.backend, ledger, idle, stats, stopping, random.nextLong()));
            }
            actors.add(new SoakExpirer(world.backend, stats, stopping, random.nextLong()));
            actors.add(new SoakWaker(world.backend, idle, stats, stopping, random.nextLong()));
            SoakSync sync = new SoakSync(world.sync, registry, start + durationMillis / 2, stats, stopping,
                    random.nextLong());
            actors.add(sync);
            actors.add(new SoakAdmin(world.admin, registry, SoakWorld.TARGETS, SoakWorld.TOGGLED_TARGET, stats,
                    stopping, random.nextLong()));
            // a short stop at 30 %, and at 60 % one longer than the connection timeout, so the pools' timeouts fire
            long longDown = SoakWorld.CONNECT_TIMEOUT.toMillis() * 2 + 2_000;
            SoakFaults faults = new SoakFaults(world.database, List.of(
                    new SoakFaults.Stop(start + durationMillis * 3 / 10, 2_000),
                    new SoakFaults.Stop(start + durationMillis * 6 / 10, longDown)), stats, stopping, random.nextLong());
            actors.add(faults);
            List<Thread> threads = new ArrayList<>();
            for (SoakActor actor : actors) {
                Thread thread = new Thread(actor, "soak-" + actor.name + "-" + threads.size());
                thread.start();
                threads.add(thread);
            }
            progress(start, durationMillis, stats);
            stopping.set(true);
            long stopped = System.currentTimeMillis();
            List<String> stuck = new ArrayList<>();
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(3));
                if (thread.isAlive()) {
                    stuck.add(thread.getName());
                }
            }
            double seconds = (stopped - start) / 1e3;
            checks.add(new SoakCheck("every actor stopped when told", threads.size(), stuck.size(), stuck));
            checks.add(sync.check());
            // every job left running passes its lease, then the last sweep fails them
            Thread.sleep(SoakWorld.LEASE.toMillis() + 1_000);
            finalSweep(world, stats);
            SoakChecks checker = new SoakChecks(world.database.dataSource(), ledger, registry);
            checks.add(checker.connections(world.services(), world.poolSizes(options.serverConnections())));
            checks.add(checker.pairs());
            checks.add(checker.runningPastLease());
            checks.add(checker.overlappingClaims());
            checks.add(checker.jobsAsSeen());
            checks.add(checker.logs(world.backend));
            checks.add(checker.downloads());
            checks.add(checker.checksums());
            report(out, options, serverVersion, seconds, stats, faults.log(), heapBefore);
        }
        checks.add(SoakChecks.heap(options.heapLimitMb() << 20));
        out.println("invariants:");
        checks.forEach(check -> out.println("  " + check.line()));
        long broken = checks.stream().filter(check -> !check.holds()).count();
        out.println(broken == 0 ? "result: all " + checks.size() + " invariants hold"
                : "result: " + broken + " of " + checks.size() + " invariants BROKEN");
        return broken == 0;
    }

    /** Prints a line of counts every half minute, so a long run shows it is alive. */
    private static void progress(long start, long durationMillis, SoakStats stats) throws InterruptedException {
        long end = start + durationMillis;
        while (System.currentTimeMillis() < end) {
            Thread.sleep(Math.min(30_000, Math.max(1, end - System.currentTimeMillis())));
            System.err.printf("soak: %.0f s: %,d claims, %,d log batches, %,d errors%n",
                    (System.currentTimeMillis() - start) / 1e3, stats.operations("claim"),
                    stats.operations("log batch"), stats.errorTotal());
        }
    }

    private static void finalSweep(SoakWorld world, SoakStats stats) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try { // a pooled connection the last fault broke fails once
                int expired = world.backend.inTransaction(write -> write.jobsExpire(Instant.now()));
                stats.count("final expiry sweep: jobs expired", expired);
                return;
            } catch (DatabaseException e) {
                if (attempt >= 20) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static void report(PrintStream out, Options options, String serverVersion, double seconds,
                               SoakStats stats, List<String> restarts, long heapBefore) {
        out.printf("soak: %.1f minutes, %s, %d builders over %d targets, %,d crates at the start; PostgreSQL %s%n",
                seconds / 60, options.serverConnections() == 0 ? "direct"
                        : "through PgBouncer (transaction mode, " + options.serverConnections()
                        + " server connections per login)", options.builders(), SoakWorld.TARGETS.size(),
                options.crates(), serverVersion);
        out.println("throughput (the machine is shared: indicative only):");
        out.printf("  %-62s %10s %9s%n", "operation", "count", "per s");
        for (Map.Entry<String, Long> entry : stats.operationCounts().entrySet()) {
            out.printf("  %-62s %,10d %9.1f%n", entry.getKey(), entry.getValue(), entry.getValue() / seconds);
        }
        out.printf("errors by kind (%,d in all):%n", stats.errorTotal());
        stats.errorCounts().forEach((kind, count) -> out.printf("  %-100s %,8d%n", kind, count));
        out.println("first message of each kind of exception:");
        stats.firstMessages().forEach((kind, message) -> out.printf("  %s: %s%n", kind,
                message.length() > 400 ? message.substring(0, 400) + "..." : message));
        out.println("server stops:");
        restarts.forEach(line -> out.println("  " + line));
        out.printf("heap after a full GC once set up: %,d MB%n", heapBefore >> 20);
    }
}
