package rs.builds.database.bench.soak;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.Metadata;
import rs.builds.database.Pooler;
import rs.builds.database.SyncOptions;
import rs.builds.database.bench.BenchKeys;
import rs.builds.database.bench.BenchSql;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempPgBouncer;

/**
 * The soak's database and its services' connections: a temp database with the roles {@code roles apply} makes and a
 * login in each (the backend, the registry sync and the admins never use the superuser), targets, builders and the
 * registry's first complete sync; optionally a real PgBouncer in transaction mode in front, through which the
 * services and the admin CLI connect (the queue listener connects directly, as it must). Closing it drops it all.
 */
final class SoakWorld implements AutoCloseable {
    static final List<String> TARGETS = List.of("x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu",
            "x86_64-pc-windows-msvc", "wasm32-unknown-unknown");
    /** The target the admin switches off and on again. */
    static final String TOGGLED_TARGET = TARGETS.get(3);
    static final Duration LEASE = Duration.ofSeconds(5);
    static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    static final int MAX_ATTEMPTS = 3;
    /** The services' connection timeout: the long server stop outlasts it, so the pools' timeouts fire. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final int BACKEND_CONNECTIONS = 16;
    static final int SYNC_CONNECTIONS = 2;

    final TempDatabase database;
    final TempPgBouncer bouncer;
    /** Login of each service role: backend, sync, admin. */
    final Map<String, String> logins = new LinkedHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    final List<UUID> builders = new ArrayList<>();
    Metadata backend;
    Metadata sync;
    SoakCli admin;

    private SoakWorld(TempDatabase database, TempPgBouncer bouncer) {
        this.database = database;
        this.bouncer = bouncer;
    }

    /**
     * @param cli the admin CLI (its connection options are set here)
     * @param serverConnections PgBouncer's server connections per login, or 0 for no PgBouncer
     */
    static SoakWorld create(SoakCli cli, SoakRegistry registry, int builderCount, int serverConnections)
            throws SQLException, InterruptedException {
        TempDatabase database = TempDatabase.create();
        SoakWorld world = null;
        try {
            try (Connection connection = database.dataSource().getConnection()) {
                connection.createStatement().execute(BenchSql.single(connection, "soakSynchronousCommit"));
            }
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> roles = Map.of("backend", "buildsrs_backend", "sync", "buildsrs_registry_sync",
                    "admin", "buildsrs_admin");
            // roles apply as the superuser, directly: the one step only the owner may take
            SoakCli.Run applied = cli.as(ownerCliConnection(database)).run("roles", "apply");
            if (applied.exit() != 0) {
                throw new IllegalStateException("roles apply failed with exit " + applied.exit() + ": " + applied.err());
            }
            Map<String, String> logins = new LinkedHashMap<>();
            Map<String, String> passwords = new LinkedHashMap<>();
            try (Connection connection = database.dataSource().getConnection()) {
                for (String service : List.of("backend", "sync", "admin")) {
                    String login = "soak_" + service + "_" + suffix;
                    String password = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(12));
                    connection.createStatement().execute(BenchSql.single(connection, "soakLoginRole", login, password,
                            roles.get(service)));
                    logins.put(service, login);
                    passwords.put(login, password);
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            TempPgBouncer bouncer = serverConnections > 0
                    ? TempPgBouncer.start(database, "transaction", serverConnections, passwords) : null;
            world = new SoakWorld(database, bouncer);
            world.logins.putAll(logins);
            world.passwords.putAll(passwords);
            world.setUp(registry, builderCount);
            world.admin = cli.as(world.cliConnection("admin"));
            return world;
        } catch (RuntimeException | SQLException | InterruptedException e) {
            if (world != null) {
                world.close();
            } else {
                database.close();
            }
            throw e;
        }
    }

    private void setUp(SoakRegistry registry, int builderCount) {
        // the owner sets up what an operator would once; the services then connect as their own logins
        try (Metadata owner = Metadata.connect(ConnectionConfig.of(directUrl("soak-setup"))
                .withCredentials(database.user(), database.password()).withMaxConnections(2))) {
            owner.useTransaction(write -> {
                for (String target : TARGETS) {
                    write.targetAdd(target);
                    write.targetSetEnabled(target, true);
                }
                write.queueConfigure(MAX_ATTEMPTS, LEASE, RETRY_BACKOFF);
            });
            for (int i = 0; i < builderCount; i++) {
                UUID builder = UUID.randomUUID();
                String key = BenchKeys.ed25519();
                int first = i % TARGETS.size();
                owner.useTransaction(write -> {
                    write.builderAdd(builder, key, "soak builder");
                    write.builderSetEnabled(builder, true);
                    // each builds two targets, so every target has builders and builders share targets
                    write.builderTargetAdd(builder, TARGETS.get(first));
                    write.builderTargetAdd(builder, TARGETS.get((first + 1) % TARGETS.size()));
                });
                builders.add(builder);
            }
        }
        sync = connect("sync", SYNC_CONNECTIONS);
        var rows = registry.all();
        sync.inTransaction(write -> write.sync(rows.iterator(), SyncOptions.completeIndex()));
        registry.allStored();
        backend = connect("backend", BACKEND_CONNECTIONS);
    }

    private Metadata connect(String service, int connections) {
        String login = logins.get(service);
        ConnectionConfig config = ConnectionConfig.of(serviceUrl("soak-" + service))
                .withCredentials(login, passwords.get(login)).withMaxConnections(connections)
                .withConnectTimeout(CONNECT_TIMEOUT);
        if (bouncer != null) {
            config = config.withPooler(Pooler.TRANSACTION).withListenUrl(directUrl("soak-" + service + "-listener"));
        }
        return Metadata.connect(config);
    }

    /** The admin CLI's global options for a service's login. */
    private List<String> cliConnection(String service) {
        String login = logins.get(service);
        String url = serviceUrl("soak-" + service + "-cli") + "&user=" + login + "&password=" + passwords.get(login);
        return bouncer == null ? List.of("--database-postgres", url)
                : List.of("--database-postgres", url, "--database-postgres-pooler", "transaction");
    }

    /** @return the admin CLI's global options as the superuser, directly, for a database */
    private static List<String> ownerCliConnection(TempDatabase database) {
        return List.of("--database-postgres", database.jdbcUrl()
                + (database.password() == null ? "" : "&password=" + database.password()));
    }

    private String serviceUrl(String application) {
        return bouncer == null ? directUrl(application)
                : "jdbc:postgresql://127.0.0.1:" + bouncer.port() + "/" + database.name() + "?ApplicationName="
                        + application;
    }

    private String directUrl(String application) {
        return "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.name()
                + "?ApplicationName=" + application;
    }

    /** @return the services' pools by login */
    Map<String, Metadata> services() {
        return Map.of(logins.get("backend"), backend, logins.get("sync"), sync);
    }

    /**
     * @return the most server sessions each login may hold with everything stopped: its pool's size, or behind
     *         PgBouncer its server connections per login (the admin's too, which PgBouncer keeps after the CLI exits)
     */
    Map<String, Integer> poolSizes(int serverConnections) {
        if (bouncer == null) {
            return Map.of(logins.get("backend"), BACKEND_CONNECTIONS, logins.get("sync"), SYNC_CONNECTIONS);
        }
        return Map.of(logins.get("backend"), serverConnections, logins.get("sync"), serverConnections,
                logins.get("admin"), serverConnections);
    }

    String serverVersion() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             ResultSet rows = connection.prepareStatement(BenchSql.load("serverVersion")).executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Closes the pools, stops PgBouncer, drops the logins and the database. */
    @Override
    public void close() {
        if (backend != null) {
            backend.close();
        }
        if (sync != null) {
            sync.close();
        }
        if (bouncer != null) {
            bouncer.close();
        }
        try (Connection connection = database.dataSource().getConnection()) {
            // the logins hold no object or grant of their own: they can go
            for (String login : logins.values()) {
                connection.createStatement().execute(BenchSql.single(connection, "soakLoginRoleDrop", login));
            }
        } catch (SQLException e) {
            System.err.println("soak: login roles " + logins.values() + " not dropped: " + e.getMessage());
        }
        database.close();
    }
}
