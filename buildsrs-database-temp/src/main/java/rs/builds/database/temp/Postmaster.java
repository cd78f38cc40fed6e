package rs.builds.database.temp;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts and signals a PostgreSQL postmaster the way the temp servers need, with its output appended to a log. */
final class Postmaster {
    private static final long PATIENCE_MILLIS = 60_000;

    private Postmaster() {
    }

    /**
     * Starts {@code postgres} with its arguments. As zonky starts the embedded server: PostgreSQL refuses to run as
     * root, and in a user namespace of its own it is not ({@code unshare} execs it, so the process is still the
     * postmaster, for signals).
     *
     * @param command the {@code postgres} binary and its arguments
     * @param log where its output is appended
     * @return the postmaster's process
     */
    static Process launch(List<String> command, Path log) {
        List<String> full = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        try {
            return new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL (" + full.get(0) + "): " + e.getMessage(), e);
        }
    }

    /**
     * Signals a postmaster: {@code INT} is PostgreSQL's fast shutdown, {@code QUIT} its immediate one (what
     * {@code pg_ctl stop -m immediate} sends). Not {@code pg_ctl}, which refuses to run as root, nor
     * {@link Process#destroy()}, whose SIGTERM is a smart shutdown that waits for every pooled session.
     *
     * @param pid the postmaster's process id
     * @param name the signal's name
     * @param log where the output of {@code kill} is appended
     * @throws IllegalStateException if {@code kill} fails
     */
    static void signal(long pid, String name, Path log) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!kill.waitFor(PATIENCE_MILLIS, TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed (see " + log + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill to signal PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling PostgreSQL", e);
        }
    }
}
