package rs.builds.database.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseUnavailableException;

/**
 * The CLI's embedded default: a PostgreSQL server whose data lives in the data directory, shared by every command
 * (and every {@code server} command) working on that directory at the same time. The first command starts it; the
 * others connect to it; the last one to finish stops it. It runs as a process of its own ({@code pg_ctl} detaches it
 * from the terminal), so a command killed with {@code kill -9} leaves it running: the next command finds it at once,
 * uses it and stops it when done.
 *
 * <p>What the data directory holds:
 * <ul>
 *   <li>{@code postgres/}: the cluster; its {@code postmaster.pid} names the server's process and port while it runs</li>
 *   <li>{@value #PASSWORD_FILE}: the superuser's password, readable by its owner alone</li>
 *   <li>{@code postgres.log}: the server's log</li>
 *   <li>{@code binaries/}: the PostgreSQL programs, unpacked from the jar</li>
 *   <li>{@value #SERVER_LOCK}: locked by a command while it starts, joins or stops the server, so two commands never
 *       do that at once (the second waits, and says so)</li>
 *   <li>{@value #USERS_LOCK}: locked (shared) by every command using the server; a command that can lock it alone
 *       when it is done is the last user and stops the server</li>
 * </ul>
 * The operating system releases both locks of a process that dies, however it dies, so a lock never outlives its
 * command. Within one JVM the commands on a data directory share one attachment, counted.
 *
 * <p>The server listens on localhost, where any user of the machine can connect, so it takes passwords only: the
 * superuser's is made at random when the cluster is created. A cluster made by an earlier version, which let anyone
 * on localhost in, gets a password the first time it starts.
 */
final class EmbeddedServer implements AutoCloseable {
    /** The superuser's password, in the data directory. */
    static final String PASSWORD_FILE = "postgres-password";
    /** Held while a command starts, joins or stops the server. */
    static final String SERVER_LOCK = "server.lock";
    /** Held shared by every command using the server. */
    static final String USERS_LOCK = "users.lock";

    private static final String USER = "postgres";
    /** How long a server that is starting (another command's, or one left behind) may take to answer. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String PASSWORDS_ONLY = """
            # Written by buildsrs-database: every connection needs the password (see postgres-password in the data
            # directory), since any user of this machine can reach a server listening on localhost.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    /** The data directories this JVM uses, by absolute path; guarded by the class. */
    private static final Map<Path, Attachment> ATTACHED = new HashMap<>();

    private final Attachment attachment;
    private boolean closed;

    private EmbeddedServer(Attachment attachment) {
        this.attachment = attachment;
    }

    /** One JVM's use of one data directory's server. */
    private static final class Attachment {
        final Path dataDir;
        final FileChannel users;
        final int port;
        final String password;
        final long pid;
        FileLock using;
        int references = 1;

        Attachment(Path dataDir, FileChannel users, int port, String password, long pid) {
            this.dataDir = dataDir;
            this.users = users;
            this.port = port;
            this.password = password;
            this.pid = pid;
        }
    }

    /** Starts the server on the data directory, or joins the one running there, quietly. */
    static EmbeddedServer start(Path dataDir) {
        return start(dataDir, note -> { });
    }

    /**
     * Starts the server on the data directory, creating the directory and the cluster on first use, or joins the
     * server another command (or a killed one) left running there.
     *
     * @param notes told, in a line each, when this waits for another command or uses a server it did not start
     * @throws DatabaseUnavailableException if the server cannot be started or reached
     */
    static EmbeddedServer start(Path dataDir, Consumer<String> notes) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (EmbeddedServer.class) {
            Attachment attached = ATTACHED.get(dir);
            if (attached != null) {
                attached.references++;
                return new EmbeddedServer(attached);
            }
            try {
                Files.createDirectories(dir);
                Attachment attachment = underServerLock(dir, notes, () -> join(dir, notes));
                ATTACHED.put(dir, attachment);
                return new EmbeddedServer(attachment);
            } catch (IOException | SQLException | RuntimeException e) {
                if (e instanceof DatabaseUnavailableException unavailable) {
                    throw unavailable;
                }
                throw new DatabaseUnavailableException("cannot start the embedded PostgreSQL in " + dir.resolve("postgres")
                        + ": " + e.getMessage() + " (use --database-postgres to choose another database)", e);
            }
        }
    }

    private interface LockedWork<T> {
        T run() throws IOException, SQLException;
    }

    private static <T> T underServerLock(Path dir, Consumer<String> notes, LockedWork<T> work)
            throws IOException, SQLException {
        try (FileChannel channel = FileChannel.open(dir.resolve(SERVER_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                notes.accept("waiting for another command that is starting or stopping the embedded PostgreSQL in "
                        + dir);
                lock = channel.lock();
            }
            try {
                return work.run();
            } finally {
                lock.release();
            }
        }
    }

    /** Under the server lock: connects to the running server, or starts one; then counts this JVM as a user. */
    private static Attachment join(Path dir, Consumer<String> notes) throws IOException, SQLException {
        Path cluster = dir.resolve("postgres");
        String password = password(dir.resolve(PASSWORD_FILE), Files.exists(cluster.resolve("PG_VERSION")));
        FileChannel users = FileChannel.open(dir.resolve(USERS_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            boolean othersUsing = !lockable(users);
            Running running = Running.of(cluster).orElse(null);
            if (running != null) {
                awaitReady(cluster, running, password);
                if (!othersUsing) {
                    notes.accept("found the embedded PostgreSQL (process " + running.pid() + ") that a command"
                            + " left running when it was killed; using it, and stopping it when done");
                }
            } else {
                running = launch(dir, cluster, password);
            }
            Attachment attachment = new Attachment(dir, users, running.port(), password, running.pid());
            requirePasswords(cluster.resolve("pg_hba.conf"), attachment);
            attachment.using = users.lock(0, Long.MAX_VALUE, true);
            return attachment;
        } catch (IOException | SQLException | RuntimeException e) {
            users.close();
            throw e;
        }
    }

    /** @return whether no process uses the server: the users lock can be taken alone (and is let go at once) */
    private static boolean lockable(FileChannel users) throws IOException {
        FileLock alone = users.tryLock();
        if (alone == null) {
            return false;
        }
        alone.release();
        return true;
    }

    /** A server running on the cluster, as its {@code postmaster.pid} says, if that process is alive. */
    record Running(long pid, int port) {
        static Optional<Running> of(Path cluster) throws IOException {
            List<String> lines;
            try {
                lines = Files.readAllLines(cluster.resolve("postmaster.pid"));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            // line 1 the postmaster's pid, line 4 its port (PostgreSQL's own lock file, written as it starts)
            if (lines.size() < 4) {
                return Optional.empty();
            }
            try {
                long pid = Long.parseLong(lines.get(0).strip());
                int port = Integer.parseInt(lines.get(3).strip());
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                return alive ? Optional.of(new Running(pid, port)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** Waits until the running server answers, and checks it serves this cluster. */
    private static void awaitReady(Path cluster, Running running, String password) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline && ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive)
                .orElse(false)) {
            try (Connection connection = connect(running.port(), password);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_setting('data_directory')")) {
                rows.next();
                if (!Path.of(rows.getString(1)).toRealPath().equals(cluster.toRealPath())) {
                    throw new IOException("port " + running.port() + " is served by another cluster ("
                            + rows.getString(1) + ")");
                }
                return;
            } catch (SQLException e) {
                last = e;
                if ("28P01".equals(e.getSQLState())) {
                    throw new IOException("the running server (process " + running.pid() + ") refuses the password in "
                            + cluster.resolveSibling(PASSWORD_FILE), e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the server to answer", e);
            }
        }
        throw new IOException("process " + running.pid() + " holds " + cluster.resolve("postmaster.pid")
                + " but PostgreSQL does not answer on port " + running.port() + (last == null ? "" : " ("
                + last.getMessage() + ")") + ": stop that process, or delete the file if it is not PostgreSQL");
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", properties);
    }

    /** Creates the cluster if there is none and starts the server on a free port. */
    private static Running launch(Path dir, Path cluster, String password) throws IOException, SQLException {
        Path bin = PostgresBinaries.unpack(dir.resolve("binaries"));
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            initdb(bin, dir, cluster);
        }
        IOException failed = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                // pg_ctl makes the server a session of its own: Ctrl-C in this command's terminal never reaches it
                PostgresBinaries.run(bin, "pg_ctl", "-D", cluster.toString(), "-l",
                        dir.resolve("postgres.log").toString(), "-w", "-t", Long.toString(STARTUP.toSeconds()),
                        "-o", "-p " + port + " -c listen_addresses=localhost -c timezone=UTC"
                                + " -c synchronous_commit=off -c max_connections=300",
                        "start");
                Running running = Running.of(cluster).orElseThrow(() ->
                        new IOException("pg_ctl started PostgreSQL but it is not running: see "
                                + dir.resolve("postgres.log")));
                awaitReady(cluster, running, password);
                return running;
            } catch (IOException e) {
                // most likely another program took the port first: try another
                failed = e;
            }
        }
        throw new IOException(failed.getMessage() + " (the server's log: " + dir.resolve("postgres.log") + ")",
                failed);
    }

    /** Makes the cluster in a directory beside it and renames it, so a killed initdb leaves no half cluster. */
    private static void initdb(Path bin, Path dir, Path cluster) throws IOException {
        Path making = dir.resolve("postgres.initdb");
        PostgresBinaries.deleteTree(making);
        if (Files.exists(cluster)) {
            // a cluster directory without PG_VERSION: what zonky's initdb, killed, left behind
            try (var entries = Files.list(cluster)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(cluster + " is not empty but holds no cluster (no PG_VERSION): move it"
                            + " away, or give --data-dir another directory");
                }
            }
            Files.delete(cluster);
        }
        PostgresBinaries.run(bin, "initdb", "-A", "scram-sha-256", "-U", USER,
                "--pwfile=" + dir.resolve(PASSWORD_FILE), "-E", "UTF-8", "-D", making.toString());
        Files.move(making, cluster, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Reads the superuser's password, or makes one for a cluster about to be created or made by an earlier version.
     */
    private static String password(Path file, boolean clusterExists) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        if (clusterExists && !trusts(file.resolveSibling("postgres").resolve("pg_hba.conf"))) {
            throw new IOException(file + " is missing: it holds the password of the server's superuser " + USER);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return password;
    }

    /** A cluster from before passwords (it trusted every local connection) gets the password and loses the trust. */
    private static void requirePasswords(Path hba, Attachment server) throws IOException, SQLException {
        if (!trusts(hba)) {
            return;
        }
        try (Connection connection = connect(server.port, server.password);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + server.password + "'");
            Files.writeString(hba, PASSWORDS_ONLY, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    /** @return whether a rule of the cluster's pg_hba.conf lets connections in without a password */
    private static boolean trusts(Path hba) throws IOException {
        return Files.readAllLines(hba).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .anyMatch(rule -> List.of(rule.split("\\s+")).contains("trust"));
    }

    /** @return how to connect to the server's {@code postgres} database */
    ConnectionConfig connectionConfig() {
        return ConnectionConfig.of("jdbc:postgresql://localhost:" + attachment.port + "/postgres?user=" + USER)
                .withCredentials(USER, attachment.password).withMaxConnections(4);
    }

    /** @return a libpq URL of the server's {@code postgres} database, without the password */
    String url() {
        return "postgres://" + USER + "@localhost:" + attachment.port + "/postgres";
    }

    /** @return the server's process id */
    long pid() {
        return attachment.pid;
    }

    /** @return the data directory */
    Path dataDir() {
        return attachment.dataDir;
    }

    /**
     * Stops using the server; the last command using it stops it. Does nothing the second time.
     *
     * @throws IOException if the server was to be stopped and did not stop
     */
    @Override
    public void close() throws IOException {
        release();
    }

    /**
     * Stops using the server, as {@link #close()}.
     *
     * @return whether this was the last user and stopped the server
     * @throws IOException if the server was to be stopped and did not stop
     */
    boolean release() throws IOException {
        synchronized (EmbeddedServer.class) {
            if (closed) {
                return false;
            }
            closed = true;
            if (--attachment.references > 0) {
                return false;
            }
            ATTACHED.remove(attachment.dataDir);
            try {
                return underServerLock(attachment.dataDir, note -> { }, () -> {
                    attachment.using.release();
                    FileLock alone = attachment.users.tryLock();
                    if (alone == null) {
                        return false;
                    }
                    try {
                        stop(attachment.dataDir);
                        return true;
                    } finally {
                        alone.release();
                    }
                });
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                attachment.users.close();
            }
        }
    }

    /** Stops the cluster's server (fast: open sessions are ended, nothing committed is lost) and waits for it. */
    private static void stop(Path dir) throws IOException {
        Path cluster = dir.resolve("postgres");
        if (Running.of(cluster).isEmpty()) {
            return;
        }
        Path bin = PostgresBinaries.unpack(dir.resolve("binaries"));
        PostgresBinaries.run(bin, "pg_ctl", "-D", cluster.toString(), "-m", "fast", "-w",
                "-t", Long.toString(STARTUP.toSeconds()), "stop");
    }
}
