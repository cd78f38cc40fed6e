package rs.builds.database.temp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer (Debian's {@code pgbouncer}) in front of the server a {@link TempDatabase} lives on, for tests of
 * the library behind a connection pooler. PgBouncer refuses to run as root, so when the tests run as root it is
 * started as the unprivileged user {@code nobody} (with {@code runuser}). It listens on a free port of 127.0.0.1,
 * logs every client in as the temp server's user ({@code auth_type = any}; or each as itself, given login roles)
 * and ignores the driver's {@code extra_float_digits} startup parameter, as a production configuration for JDBC clients must.
 *
 * <p>Where {@code pgbouncer} is not installed, {@link #start} skips the calling test (a JUnit assumption), except on
 * CI (environment variable {@code CI} set), where it fails: CI installs it.
 */
public final class TempPgBouncer implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));

    private final TempDatabase database;
    private final Path directory;
    private final Process process;
    private final int port;

    private TempPgBouncer(TempDatabase database, Path directory, Process process, int port) {
        this.database = database;
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts PgBouncer in front of the database's server and waits until it accepts connections.
     *
     * @param database the database clients will reach through it (any database of that server is reachable)
     * @param poolMode {@code transaction} or {@code session}
     * @param serverConnections how many server connections it opens per database and user ({@code default_pool_size})
     * @return the running PgBouncer; close it to stop it
     * @throws IllegalStateException if it cannot be started (with the end of its log)
     * @throws org.opentest4j.TestAbortedException if it is not installed and this is not CI
     */
    public static TempPgBouncer start(TempDatabase database, String poolMode, int serverConnections) {
        return start(database, poolMode, serverConnections, null);
    }

    /**
     * Starts PgBouncer in front of the database's server for clients that log in as roles of their own: each of
     * {@code logins} reaches the server as itself (its own pool of {@code serverConnections}), as a production
     * PgBouncer for services with least-privilege roles does, instead of as the temp server's user. PgBouncer trusts
     * its clients and logs in to the server with the password given here.
     *
     * @param database the database clients will reach through it (any database of that server is reachable)
     * @param poolMode {@code transaction} or {@code session}
     * @param serverConnections how many server connections it opens per database and user ({@code default_pool_size})
     * @param logins the login roles clients may use, each with its password ({@code null} if the server needs none)
     * @return the running PgBouncer; close it to stop it
     * @throws IllegalStateException if it cannot be started (with the end of its log)
     * @throws org.opentest4j.TestAbortedException if it is not installed and this is not CI
     */
    public static TempPgBouncer start(TempDatabase database, String poolMode, int serverConnections,
                                      Map<String, String> logins) {
        String mode = poolMode.toLowerCase(Locale.ROOT);
        if (!mode.equals("transaction") && !mode.equals("session")) {
            throw new IllegalArgumentException("pool mode must be transaction or session, not " + poolMode);
        }
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            String message = "PgBouncer is not installed (Debian: apt-get install pgbouncer)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(message + "; .ci/run installs it");
            }
            Assumptions.abort(message);
        }
        try {
            Path directory = Files.createTempDirectory("buildsrs-pgbouncer-");
            int port = freePort();
            Path config = directory.resolve("pgbouncer.ini");
            Files.writeString(config, configuration(database, mode, serverConnections, port, directory, logins),
                    StandardCharsets.UTF_8);
            if (logins != null) {
                Files.writeString(directory.resolve("users.txt"), authFile(logins), StandardCharsets.UTF_8);
            }
            Path log = directory.resolve("pgbouncer.log");
            Files.createFile(log);
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> command = new ArrayList<>();
            if (root) {
                // PgBouncer refuses root; nobody must be able to read the configuration and write the log
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
                Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
                if (logins != null) {
                    Files.setPosixFilePermissions(directory.resolve("users.txt"),
                            PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
                command.addAll(List.of("runuser", "-u", "nobody", "--"));
            }
            command.add(binary.toString());
            command.add(config.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()))
                    .start();
            TempPgBouncer bouncer = new TempPgBouncer(database, directory, process, port);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PgBouncer: " + e.getMessage(), e);
        }
    }

    private static String configuration(TempDatabase database, String mode, int serverConnections, int port,
                                        Path directory, Map<String, String> logins) {
        String password = database.password() == null ? "" : " password=" + database.password();
        // without logins every client is the temp server's user; with them each logs in as itself (auth_file)
        String server = "* = host=" + database.host() + " port=" + database.port()
                + (logins == null ? " user=" + database.user() + password : "");
        String authentication = logins == null ? "auth_type = any"
                : "auth_type = trust\nauth_file = " + directory.resolve("users.txt");
        return String.join("\n",
                "[databases]",
                server,
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                authentication,
                "pool_mode = " + mode,
                "default_pool_size = " + serverConnections,
                "max_client_conn = 1000",
                // pgjdbc sends it at startup; PgBouncer refuses unknown startup parameters unless told to ignore them
                "ignore_startup_parameters = extra_float_digits",
                "server_lifetime = 3600",
                "logfile = " + directory.resolve("pgbouncer.log"),
                "pidfile = " + directory.resolve("pgbouncer.pid"),
                "");
    }

    /** PgBouncer's auth_file: {@code "user" "password"} per line, double quotes doubled. */
    private static String authFile(Map<String, String> logins) {
        StringBuilder file = new StringBuilder();
        logins.forEach((user, password) -> file.append(quoted(user)).append(' ')
                .append(quoted(password == null ? "" : password)).append('\n'));
        return file.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited with status " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        close();
        throw new IllegalStateException("PgBouncer did not listen on 127.0.0.1:" + port + " within 15 s: " + log());
    }

    /** {@return the port it listens on, at 127.0.0.1} */
    public int port() {
        return port;
    }

    /** {@return a JDBC URL of the test's database through PgBouncer, with the user but no password} */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database.name() + "?user=" + database.user();
    }

    /** {@return the end of PgBouncer's log, for failure messages} */
    public String log() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("stdout.log", "pgbouncer.log")) {
            try {
                List<String> lines = Files.readAllLines(directory.resolve(name), StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(line -> text.append(line)
                        .append('\n'));
            } catch (IOException e) {
                // not written yet
            }
        }
        return text.toString();
    }

    /** Stops PgBouncer and deletes its directory. */
    @Override
    public void close() {
        // runuser passes the signal on, but stop PgBouncer itself too in case it does not
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PgBouncer", e);
        }
    }
}
