package rs.builds.database.cli.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * How {@code crate import} shows its progress on stderr (never stdout, which is for the summary): on a terminal, a
 * bar over the bytes of the index with rows/s and an ETA; otherwise a plain line at most every
 * {@value #PLAIN_EVERY_SECONDS} seconds, so an import that finishes quickly prints none. Malformed lines are
 * reported through it, so they do not land in the middle of the bar.
 */
final class ImportProgress implements AutoCloseable {
    static final int PLAIN_EVERY_SECONDS = 5;
    /** Rows between looks at the clock: updating on every row would cost more than parsing it. */
    private static final int ROWS_PER_UPDATE = 1024;
    /** Erases the terminal's current line (the bar) before a message. */
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream err;
    private final ProgressBar bar;
    private final long start = System.nanoTime();
    private final long lineEvery;
    private long lastLine = start;
    private boolean printedLines;
    private boolean done;

    private ImportProgress(PrintStream err, ProgressBar bar, long lineEvery) {
        this.err = err;
        this.bar = bar;
        this.lineEvery = lineEvery;
    }

    /**
     * Whether stderr is a terminal, so a bar can be drawn on it. On Linux this looks at what file descriptor 2 is, so
     * the bar shows also when stdout is redirected ({@code --json > summary.json}); elsewhere it falls back on
     * {@link System#console()}, which also needs stdin and stdout to be the terminal.
     *
     * @return whether to draw a bar
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /** @return plain progress lines, for stderr that is not a terminal */
    static ImportProgress lines(PrintStream err) {
        return lines(err, TimeUnit.SECONDS.toNanos(PLAIN_EVERY_SECONDS));
    }

    /**
     * @param err where to print
     * @param everyNanos least time between two lines
     * @return plain progress lines
     */
    static ImportProgress lines(PrintStream err, long everyNanos) {
        return new ImportProgress(err, null, everyNanos);
    }

    /**
     * @param err the terminal
     * @param totalBytes size of the index's files, for the ETA
     * @return a progress bar
     */
    static ImportProgress bar(PrintStream err, long totalBytes) {
        boolean large = totalBytes >= 16L << 20;
        return new ImportProgress(err, new ProgressBarBuilder()
                .setTaskName("import")
                .setInitialMax(totalBytes)
                .setUnit(large ? "MiB" : "KiB", large ? 1L << 20 : 1L << 10)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .build(), 0);
    }

    /**
     * @param bytes how far into the index the reader is
     * @param rows how many rows it has handed over
     */
    void row(long bytes, long rows) {
        if (rows % ROWS_PER_UPDATE != 0) {
            return;
        }
        long now = System.nanoTime();
        if (bar != null) {
            bar.stepTo(bytes);
            bar.setExtraMessage(rows + " rows, " + rate(rows, now) + " rows/s");
        } else if (now - lastLine >= lineEvery) {
            err.println("read " + rows + " rows (" + rate(rows, now) + " rows/s)");
            lastLine = now;
            printedLines = true;
        }
    }

    /**
     * @param message {@code FILE:LINE: what is wrong}
     * @param skipped whether the line is skipped and the rest imported: then it is a warning, not an error
     */
    void malformed(String message, boolean skipped) {
        err.println((bar != null ? CLEAR_LINE : "") + (skipped ? "warning: " : "ERROR: ") + message);
    }

    /**
     * The whole index was read; the sync now applies it, which can take a while for a large one.
     *
     * @param rows how many rows were handed over
     */
    void done(long rows) {
        if (done) {
            return;
        }
        long now = System.nanoTime();
        String line = "read " + rows + " rows (" + rate(rows, now) + " rows/s); applying them";
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.setExtraMessage(rows + " rows");
            bar.close();
            err.println(line);
        } else if (printedLines) {
            err.println(line);
        }
        done = true;
    }

    private long rate(long rows, long now) {
        return rows * TimeUnit.SECONDS.toNanos(1) / Math.max(1, now - start);
    }

    /** Stops the bar, also when the import failed before the end of the index. */
    @Override
    public void close() {
        if (bar != null && !done) {
            bar.close();
            done = true;
        }
    }
}
