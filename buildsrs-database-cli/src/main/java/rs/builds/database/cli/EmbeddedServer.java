package rs.builds.database.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseUnavailableException;

/**
 * The CLI's embedded default: a PostgreSQL server whose data lives in the data directory, so successive
 * commands see the same data. Started for one command and stopped after it.
 *
 * <p>The server listens on localhost, where any user of the machine can connect, so it takes passwords only: the
 * superuser's is made at random when the cluster is created and kept in {@value #PASSWORD_FILE} in the data directory,
 * readable by its owner alone. A cluster made by an earlier version, which let anyone on localhost in, gets a password
 * the first time it starts.
 */
final class EmbeddedServer implements AutoCloseable {
    /** The superuser's password, in the data directory. */
    static final String PASSWORD_FILE = "postgres-password";

    private static final String USER = "postgres";
    private static final String PASSWORDS_ONLY = """
            # Written by buildsrs-database: every connection needs the password (see postgres-password in the data
            # directory), since any user of this machine can reach a server listening on localhost.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
    }

    /**
     * Starts the server on the data directory, creating the directory and the cluster on first use.
     *
     * @throws DatabaseUnavailableException if it cannot start, e.g. because another command is using it
     */
    static EmbeddedServer start(Path dataDir) {
        Path cluster = dataDir.resolve("postgres");
        EmbeddedPostgres postgres = null;
        try {
            Files.createDirectories(dataDir);
            Path passwordFile = dataDir.resolve(PASSWORD_FILE);
            String password = password(passwordFile, Files.exists(cluster.resolve("PG_VERSION")));
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    // initdb options, used only when the cluster is created
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password)
                    .start();
            EmbeddedServer server = new EmbeddedServer(postgres, dataDir, password);
            server.requirePasswords(cluster.resolve("pg_hba.conf"));
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new DatabaseUnavailableException("cannot start the embedded PostgreSQL in " + cluster + ": "
                    + e.getMessage() + " (is another command using this data directory? use --data-dir or"
                    + " --database-postgres to choose another database)", e);
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
    private void requirePasswords(Path hba) throws IOException, SQLException {
        if (!trusts(hba)) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"), USER,
                password);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
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
        return ConnectionConfig.of(postgres.getJdbcUrl(USER, "postgres")).withCredentials(USER, password)
                .withMaxConnections(4);
    }

    /** @return the data directory */
    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
