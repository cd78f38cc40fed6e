package rs.builds.database.temp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real hot standby of the embedded temp server, streaming its WAL: every {@link TempDatabase} is on it too (a
 * standby replicates the whole cluster), read-only, once replayed. One per JVM ({@link #shared()}), stopped and its
 * directory deleted when the JVM exits.
 *
 * <p>Built as an operator would without {@code pg_basebackup} (the embedded binaries are only {@code initdb},
 * {@code pg_ctl} and {@code postgres}): a physical replication slot keeps the WAL it needs, {@code pg_backup_start}
 * on the primary, a copy of the running primary's data directory (without its WAL, pid and option files),
 * {@code pg_backup_stop}'s backup label written into the copy, {@code standby.signal} and {@code primary_conninfo},
 * then the primary's own {@code postgres} binary and options on a new port.
 *
 * <pre>{@code
 * TempStandby standby = TempStandby.shared();
 * standby.awaitReplay();  // after creating or writing to a database on the primary
 * Metadata.connect(ConnectionConfig.of(database.jdbcUrl()).withReplica(standby.jdbcUrl(database)));
 * }</pre>
 */
public final class TempStandby {
    /** How long a start, a stop or a replay may take before it is reported as stuck. */
    private static final long PATIENCE_MILLIS = 60_000;
    /** What a base backup leaves out, as {@code pg_basebackup} does: rebuilt or meaningless on a copy. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "pg_internal.init", "standby.signal", "recovery.signal", "backup_label", "tablespace_map");
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private static TempStandby shared;

    private final TempServer primary;
    private final Path home;
    private final Path dataDir;
    private final Path log;
    private final Path binaries;
    private final List<String> options;
    private final String slot;
    private final int port;
    private Process process;

    private TempStandby(TempServer primary, Path home, Path binaries, List<String> options, String slot, int port) {
        this.primary = primary;
        this.home = home;
        this.dataDir = home.resolve("data");
        this.log = home.resolve("standby.log");
        this.binaries = binaries;
        this.options = options;
        this.slot = slot;
        this.port = port;
    }

    /**
     * Whether this JVM's temp server can have a standby: it must be the embedded one, whose data directory and
     * binaries are on this machine (a server named by {@code BUILDSRS_TEST_DATABASE_URL} cannot).
     *
     * @return true if {@link #shared()} can start one
     */
    public static boolean available() {
        return TempServer.shared().embedded();
    }

    /**
     * The standby of this JVM's temp server, built and started on first use, started again if a test stopped it.
     *
     * @return the running standby
     * @throws IllegalStateException if the temp server is not the embedded one, or the standby cannot be built or
     *         started (the message ends with the end of its log)
     */
    public static synchronized TempStandby shared() {
        if (shared == null) {
            shared = build(TempServer.shared());
        }
        if (!shared.running()) {
            shared.start();
        }
        return shared;
    }

    /** {@return the standby's host name} */
    public String host() {
        return "localhost";
    }

    /** {@return the standby's port} */
    public int port() {
        return port;
    }

    /**
     * {@return the JDBC URL of the same database on the standby, with the user but no password}
     *
     * @param database a temp database of the primary
     */
    public String jdbcUrl(TempDatabase database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database.name() + "?user=" + primary.user();
    }

    /** {@return whether the standby's server process is running} */
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Waits until the standby has replayed everything the primary had written when it was called: a database
     * created, a transaction committed before this call are then visible on the standby. Polls the replay position,
     * so it returns as soon as replay gets there.
     *
     * @throws IllegalStateException if replay does not get there within a minute (is it paused, or stopped?)
     */
    public void awaitReplay() {
        String target;
        try (Connection connection = primaryConnection(); Statement statement = connection.createStatement();
             // a WAL record of its own after everything written so far; its end is where replay must get to
             ResultSet rows = statement.executeQuery(
                     "SELECT pg_logical_emit_message(false, 'buildsrs-temp-standby', '')::text")) {
            rows.next();
            target = rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the primary's WAL position: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        try (Connection connection = standbyConnection();
             var statement = connection.prepareStatement(
                     "SELECT pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn), pg_last_wal_replay_lsn()::text")) {
            statement.setString(1, target);
            while (true) {
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        return;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the standby on port " + port + " replayed up to "
                                + rows.getString(2) + " but not to " + target + " within " + PATIENCE_MILLIS
                                + " ms: is replay paused? " + tail());
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the standby's replay position: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the standby to replay", e);
        }
    }

    /** Pauses WAL replay on the standby ({@code pg_wal_replay_pause()}): it stays reachable and falls behind. */
    public void pauseReplay() {
        standbyExecute("SELECT pg_wal_replay_pause()");
    }

    /** Resumes WAL replay after {@link #pauseReplay()}. */
    public void resumeReplay() {
        standbyExecute("SELECT pg_wal_replay_resume()");
    }

    /**
     * Stops the standby (fast shutdown: its sessions are disconnected), as a replica that went down would. The
     * next {@link #shared()} starts it again; so does {@link #start()}.
     *
     * @throws IllegalStateException if it does not stop
     */
    public synchronized void stop() {
        if (!running()) {
            return;
        }
        signal("INT"); // PostgreSQL's fast shutdown: sessions are ended, as a server going down would end them
        try {
            if (!process.waitFor(PATIENCE_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the standby on port " + port + " did not stop. " + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the standby", e);
        }
    }

    /**
     * Starts the standby (again) and waits until it accepts connections.
     *
     * @throws IllegalStateException if it exits or does not accept connections within a minute
     */
    public synchronized void start() {
        if (running()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(binaries.resolve("postgres").toString());
        command.addAll(List.of("-D", dataDir.toString(), "-p", Integer.toString(port)));
        command.addAll(options);
        process = Postmaster.launch(command, log);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (true) {
            try (Connection ignored = standbyConnection()) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the standby exited with code " + process.exitValue() + ". "
                            + tail(), e);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the standby on port " + port + " accepts no connection after "
                            + PATIENCE_MILLIS + " ms (" + e.getMessage() + "). " + tail(), e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the standby", e);
            }
        }
    }

    private static TempStandby build(TempServer primary) {
        if (!primary.embedded()) {
            throw new IllegalStateException("a temp standby needs the embedded temp server (its data directory and"
                    + " binaries are copied and run here); unset " + TempServer.URL_VARIABLE);
        }
        String slot = "buildsrs_temp_standby_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        try (Connection connection = primary.maintenanceConnection(); Statement statement = connection.createStatement()) {
            Path primaryData = Path.of(single(statement, "SHOW data_directory"));
            int major = Integer.parseInt(single(statement, "SHOW server_version_num")) / 10000;
            // the primary's command line: its binary, then options such as max_connections, which a hot standby
            // must have at least as high as its primary
            List<String> primaryCommand = postmasterOptions(primaryData.resolve("postmaster.opts"));
            Path binaries = Path.of(primaryCommand.get(0)).getParent();
            List<String> options = withoutDataDirAndPort(primaryCommand.subList(1, primaryCommand.size()));
            Path home = Files.createTempDirectory("buildsrs-temp-standby");
            // PostgreSQL refuses a data directory others may read
            Files.createDirectory(home.resolve("data"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            TempStandby standby = new TempStandby(primary, home, binaries, options, slot, freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(standby::destroy, "buildsrs-temp-standby-stop"));
            // reserves WAL from now on, so the standby finds every segment since the backup began
            single(statement, "SELECT pg_create_physical_replication_slot('" + slot + "', true)::text");
            standby.copyFrom(statement, primaryData, major);
            Files.writeString(standby.dataDir.resolve("standby.signal"), "");
            Files.writeString(standby.dataDir.resolve("postgresql.auto.conf"), "\n# a temp standby of the test server\n"
                    + "primary_conninfo = 'host=" + primary.host() + " port=" + primary.port() + " user="
                    + primary.user() + " application_name=buildsrs_temp_standby'\n"
                    + "primary_slot_name = '" + slot + "'\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            standby.start();
            return standby;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take a base backup of the temp server " + primary.host() + ":"
                    + primary.port() + " for a standby: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the temp server's data directory for a standby: "
                    + e.getMessage(), e);
        }
    }

    /** A base backup by the low-level API, on one connection: start, copy the running cluster, stop. */
    private void copyFrom(Statement statement, Path primaryData, int major) throws SQLException, IOException {
        statement.execute(major >= 15 ? "SELECT pg_backup_start('buildsrs-temp-standby', true)"
                : "SELECT pg_start_backup('buildsrs-temp-standby', true, false)");
        String label;
        String tablespaceMap;
        try {
            copyTree(primaryData, dataDir);
        } finally {
            try (ResultSet rows = statement.executeQuery(major >= 15
                    ? "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)"
                    : "SELECT labelfile, spcmapfile FROM pg_stop_backup(false, false)")) {
                rows.next();
                label = rows.getString(1);
                tablespaceMap = rows.getString(2);
            }
        }
        Files.writeString(dataDir.resolve("backup_label"), label);
        if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
            Files.writeString(dataDir.resolve("tablespace_map"), tablespaceMap);
        }
    }

    /** Copies a running data directory: files may grow, shrink or vanish while it runs (replay repairs them). */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                if (!dir.equals(from) && EMPTIED_DIRECTORIES.contains(dir.getFileName().toString())
                        && dir.getParent().equals(from)) {
                    if (dir.getFileName().toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("archive_status"));
                        Files.createDirectories(target.resolve("summaries"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (SKIPPED_FILES.contains(name) || name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException e) {
                    // dropped while we copied: replay drops it on the standby too
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** Stops the standby, drops its slot and deletes its directory: at JVM exit, best effort. */
    private synchronized void destroy() {
        try {
            if (running()) {
                signal("QUIT"); // immediate shutdown: the data is deleted next
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (RuntimeException | InterruptedException e) {
            // the JVM is exiting: what is left is deleted below, or by the OS's temp cleaning
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
        try (Connection connection = primary.maintenanceConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_drop_replication_slot('" + slot + "')");
        } catch (SQLException e) {
            // the embedded primary may be gone already, and its slots with it
        }
        deleteTree(home);
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("temp standby directory " + root + " not deleted: " + e.getMessage());
        }
    }

    private void signal(String name) {
        try {
            Postmaster.signal(process.pid(), name, log);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + ". " + tail(), e);
        }
    }

    private void standbyExecute(String sql) {
        try (Connection connection = standbyConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the standby on port " + port + " refused '" + sql + "': "
                    + e.getMessage(), e);
        }
    }

    private Connection standbyConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", primary.user());
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port + "/postgres", props);
    }

    private Connection primaryConnection() throws SQLException {
        return primary.maintenanceConnection();
    }

    /** @return the last lines of the standby's log, for error messages */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "Its log (" + log + ") ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15),
                    lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * Parses {@code postmaster.opts}: the binary's path, then each argument in double quotes.
     *
     * @return the binary's path followed by the arguments
     */
    static List<String> postmasterOptions(Path file) throws IOException {
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        int firstQuote = line.indexOf(" \"");
        List<String> command = new ArrayList<>();
        command.add(firstQuote < 0 ? line : line.substring(0, firstQuote));
        if (firstQuote >= 0) {
            Matcher argument = Pattern.compile("\"([^\"]*)\"").matcher(line.substring(firstQuote));
            while (argument.find()) {
                command.add(argument.group(1));
            }
        }
        return command;
    }

    private static List<String> withoutDataDirAndPort(List<String> arguments) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-D") || argument.equals("-p")) {
                i++; // and its value
            } else {
                kept.add(argument);
            }
        }
        return kept;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "TempStandby[" + host() + ":" + port + "]";
    }
}
