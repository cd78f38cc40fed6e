package rs.builds.database.temp;

import javax.sql.DataSource;

/**
 * A uniquely named PostgreSQL database that exists for one test, fully migrated unless asked otherwise.
 *
 * <p>With no configuration the database lives on an embedded PostgreSQL server started once per JVM. Set the
 * environment variable {@code BUILDSRS_TEST_DATABASE_URL} to a JDBC URL of an existing server's maintenance
 * database (e.g. {@code jdbc:postgresql://localhost:5432/postgres?user=postgres&password=secret}) to use that
 * server instead; its user needs the {@code CREATEDB} right.
 *
 * <p>{@link #close()} drops the database unless {@link #keep()} was called. Thread-safe.
 */
public final class TempDatabase implements AutoCloseable {
    private final TempServer server;
    private final String name;
    private volatile boolean kept;
    private volatile boolean closed;

    private TempDatabase(TempServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * Creates a new database with the whole schema applied and no data.
     *
     * @return the database; close it to drop it
     * @throws IllegalStateException if the server cannot be started or reached, or refuses to create it
     */
    public static TempDatabase create() {
        TempServer server = TempServer.shared();
        return new TempDatabase(server, server.createDatabase(true));
    }

    /**
     * Creates a new, empty database without any migration applied, for testing migrations themselves.
     *
     * @return the database; close it to drop it
     * @throws IllegalStateException if the server cannot be started or reached, or refuses to create it
     */
    public static TempDatabase createBlank() {
        TempServer server = TempServer.shared();
        return new TempDatabase(server, server.createDatabase(false));
    }

    /** {@return the database's name, unique on its server} */
    public String name() {
        return name;
    }

    /** {@return a new, unpooled data source for this database} */
    public DataSource dataSource() {
        return server.dataSource(name);
    }

    /** {@return the JDBC URL of this database, with the user but without any password} */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** {@return the server's host name} */
    public String host() {
        return server.host();
    }

    /** {@return the server's port} */
    public int port() {
        return server.port();
    }

    /** {@return the user name to connect as} */
    public String user() {
        return server.user();
    }

    /** {@return the password to connect with, or {@code null} if the server needs none} */
    public String password() {
        return server.password();
    }

    /** {@return a psql command line that connects to this database (a password, if any, is left to PGPASSWORD)} */
    public String psqlCommand() {
        return "psql 'postgresql://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + name + "'";
    }

    /**
     * Stops the server this database lives on at once, as a crash or {@code pg_ctl stop -m immediate} would: every
     * session of every temp database of this JVM ends without a reply. For fault tests; {@link #startServer()} brings
     * the server back on the same port. Only the embedded server can be stopped. It runs with {@code fsync} and
     * {@code synchronous_commit} off: its files survive the stop, but, as after a real crash with that setting, the
     * last commits of sessions that did not turn {@code synchronous_commit} on (in their session, or for the database
     * with {@code ALTER DATABASE ... SET synchronous_commit = on}) may be lost.
     *
     * @throws IllegalStateException if the server is one named by {@code BUILDSRS_TEST_DATABASE_URL}, or does not stop
     */
    public void stopServer() {
        server.stopImmediately();
    }

    /**
     * Starts the server again after {@link #stopServer()}, on the same port, and waits until it accepts connections
     * (after its crash recovery). Does nothing if it is running.
     *
     * @throws IllegalStateException if it was not stopped by {@link #stopServer()}, or does not start
     */
    public void startServer() {
        server.start();
    }

    /** {@return whether the database still exists on its server} */
    public boolean exists() {
        return server.exists(name);
    }

    /**
     * Keeps the database when this object is closed, for inspection, and says how to connect to it.
     *
     * @return a line telling how to connect, also printed on standard error
     */
    public String keep() {
        kept = true;
        String line = "kept test database " + name + ": " + psqlCommand()
                + (server.embedded() ? " (the embedded server stops when this JVM exits; set "
                        + TempServer.URL_VARIABLE + " to keep databases on a server that outlives the tests)" : "");
        System.err.println(line);
        return line;
    }

    /**
     * Drops the database (disconnecting any open connection) unless it was {@linkplain #keep() kept}.
     * Closing twice does nothing.
     *
     * @throws IllegalStateException if the server refuses to drop it
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!kept) {
            server.dropDatabase(name);
        }
    }

    @Override
    public String toString() {
        return "TempDatabase[" + name + "]";
    }
}
