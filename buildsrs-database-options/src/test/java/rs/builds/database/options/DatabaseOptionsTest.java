package rs.builds.database.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.args4j.CmdLineParser;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.Metadata;
import rs.builds.database.Pooler;
import rs.builds.database.ReadHandle;
import rs.builds.database.WriteHandle;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
class DatabaseOptionsTest {
    private static DatabaseOptions parse(Map<String, String> env, String... args) throws Exception {
        DatabaseOptions options = new DatabaseOptions(env::get);
        new CmdLineParser(options).parseArgument(args);
        return options;
    }

    @Test
    void libpqUriBecomesJdbcUrlWithCredentialsApart() {
        PostgresUrl url = PostgresUrl.parse("postgres://builder:s%40cret@db.example:6543/buildsrs?sslmode=require");
        assertEquals("jdbc:postgresql://db.example:6543/buildsrs?sslmode=require", url.jdbcUrl());
        assertEquals("builder", url.user());
        assertEquals("s@cret", url.password());
        assertFalse(url.toString().contains("cret"), url.toString());
    }

    @Test
    void postgresqlSchemeAndDefaultsWork() {
        PostgresUrl url = PostgresUrl.parse("postgresql://localhost/buildsrs");
        assertEquals("jdbc:postgresql://localhost/buildsrs", url.jdbcUrl());
        assertNull(url.user());
        assertNull(url.password());
        assertEquals("jdbc:postgresql://[::1]:5432/db", PostgresUrl.parse("postgresql://[::1]:5432/db").jdbcUrl());
    }

    @Test
    void jdbcUrlIsTakenAsItIs() {
        String jdbc = "jdbc:postgresql://localhost:5432/buildsrs?user=a&password=b";
        assertEquals(jdbc, PostgresUrl.parse(jdbc).jdbcUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://root:hunter2@host/db", "postgres://u:hunter2@host:notaport/db",
        "postgres://u:hunter2@ho st/db", "jdbc:postgresql:hunter2", "postgres://u:hunter2@host/db/extra",
        "hunter2"})
    void malformedUrlsAreRejectedWithoutShowingThePassword(String bad) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> {
            PostgresUrl.parse(bad);
            // a URL the parser accepts must still be rejected when used: none of these is valid
            throw new AssertionError("accepted " + ConnectionConfig.masked(bad));
        });
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    @Test
    void optionsFallBackToEnvironment() throws Exception {
        DatabaseOptions options = parse(Map.of("DATABASE_POSTGRES", "postgres://u@h/d",
                "DATABASE_POSTGRES_CONNECTIONS", "4"));
        ConnectionConfig config = options.connectionConfig().orElseThrow();
        assertEquals("jdbc:postgresql://h/d", config.jdbcUrl());
        assertEquals(4, config.maxConnections());
        assertEquals("u", config.user());
    }

    @Test
    void optionsWinOverEnvironment() throws Exception {
        DatabaseOptions options = parse(Map.of("DATABASE_POSTGRES", "postgres://u@h/d"),
                "--database-postgres", "postgres://v@k/e", "--database-postgres-connections", "7");
        ConnectionConfig config = options.connectionConfig().orElseThrow();
        assertEquals("jdbc:postgresql://k/e", config.jdbcUrl());
        assertEquals(7, config.maxConnections());
    }

    @Test
    void noUrlMeansNoConfigAndConnectSaysWhatToPass() throws Exception {
        DatabaseOptions options = parse(Map.of());
        assertTrue(options.connectionConfig().isEmpty());
        assertEquals(16, options.connections());
        InvalidInputException error = assertThrows(InvalidInputException.class, options::connect);
        assertTrue(error.getMessage().contains("--database-postgres"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-3", "many", ""})
    void connectionsOutOfRangeAreRejected(String value) throws Exception {
        DatabaseOptions options = parse(Map.of(), "--database-postgres-connections", value);
        InvalidInputException error = assertThrows(InvalidInputException.class, options::connections);
        assertTrue(error.getMessage().contains("from 1 to 1000"), error.getMessage());
    }

    @Test
    void minIdleComesFromOptionOrEnvironmentAndDefaultsToFewConnections() throws Exception {
        assertEquals(2, parse(Map.of(), "--database-postgres", "postgres://u@h/d").connectionConfig().orElseThrow()
                .minIdle());
        assertEquals(1, parse(Map.of("DATABASE_POSTGRES_CONNECTIONS", "1"), "--database-postgres",
                "postgres://u@h/d").connectionConfig().orElseThrow().minIdle(), "never above the pool size");
        assertEquals(5, parse(Map.of("DATABASE_POSTGRES", "postgres://u@h/d", "DATABASE_POSTGRES_MIN_IDLE", "5"))
                .connectionConfig().orElseThrow().minIdle());
        assertEquals(0, parse(Map.of("DATABASE_POSTGRES_MIN_IDLE", "5"), "--database-postgres", "postgres://u@h/d",
                "--database-postgres-min-idle", "0").connectionConfig().orElseThrow().minIdle());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "17", "few", ""})
    void minIdleOutOfRangeIsRejected(String value) throws Exception {
        DatabaseOptions options = parse(Map.of(), "--database-postgres-min-idle", value);
        InvalidInputException error = assertThrows(InvalidInputException.class, options::minIdle);
        assertTrue(error.getMessage().startsWith("--database-postgres-min-idle must be a whole number from 0 to the"
                + " pool size, 16"), error.getMessage());
    }

    @Test
    void poolerListenAndReplicaComeFromOptionsOrEnvironment() throws Exception {
        ConnectionConfig plain = parse(Map.of(), "--database-postgres", "postgres://u@h/d").connectionConfig()
                .orElseThrow();
        assertEquals(Pooler.NONE, plain.pooler());
        assertNull(plain.listenUrl());
        assertNull(plain.replicaUrl());
        ConnectionConfig config = parse(Map.of("DATABASE_POSTGRES", "postgres://u:pw@bouncer:6432/d",
                "DATABASE_POSTGRES_POOLER", "TRANSACTION", "DATABASE_POSTGRES_REPLICA", "postgres://r:s%26cret@replica/d"),
                "--database-postgres-listen", "postgres://direct:5432/d").connectionConfig().orElseThrow();
        assertEquals(Pooler.TRANSACTION, config.pooler());
        assertEquals("jdbc:postgresql://direct:5432/d", config.listenUrl(), "no credentials of its own: the main ones");
        assertEquals("jdbc:postgresql://replica/d?user=r&password=s%26cret", config.replicaUrl());
        assertFalse(config.toString().contains("cret") || config.toString().contains("pw"), config.toString());
        assertEquals(Pooler.SESSION, parse(Map.of("DATABASE_POSTGRES_POOLER", "session"), "--database-postgres",
                "postgres://u@h/d").connectionConfig().orElseThrow().pooler());
    }

    @Test
    void badPoolerListenOrReplicaValuesNameTheOptionAndHideThePassword() throws Exception {
        InvalidInputException pooler = assertThrows(InvalidInputException.class, () -> parse(Map.of(),
                "--database-postgres", "postgres://u@h/d", "--database-postgres-pooler", "statement")
                .connectionConfig());
        assertEquals("--database-postgres-pooler: unknown pooler mode 'statement'; expected none, session or"
                + " transaction", pooler.getMessage());
        for (String option : new String[] {"--database-postgres-listen", "--database-postgres-replica"}) {
            InvalidInputException url = assertThrows(InvalidInputException.class, () -> parse(Map.of(),
                    "--database-postgres", "postgres://u@h/d", option, "postgres://u:hunter2@h:99999/d")
                    .connectionConfig());
            assertTrue(url.getMessage().startsWith(option + ": malformed database URL"), url.getMessage());
            assertFalse(url.getMessage().contains("hunter2"), url.getMessage());
        }
        InvalidInputException alone = assertThrows(InvalidInputException.class, () -> parse(Map.of(),
                "--database-postgres-replica", "postgres://u@replica/d").checkTopology());
        assertTrue(alone.getMessage().contains("need --database-postgres URL"), alone.getMessage());
        InvalidInputException prepared = assertThrows(InvalidInputException.class, () -> parse(Map.of(),
                "--database-postgres", "jdbc:postgresql://h/d?prepareThreshold=5", "--database-postgres-pooler",
                "transaction").connectionConfig());
        assertTrue(prepared.getMessage().contains("prepareThreshold=5"), prepared.getMessage());
    }

    @Test
    void unknownKindListsTheSupportedOnes() throws Exception {
        DatabaseOptions options = parse(Map.of("DATABASE_KIND", "sqlite"));
        InvalidInputException error = assertThrows(InvalidInputException.class, options::connectionConfig);
        assertEquals("unknown database kind 'sqlite'; supported kinds: postgres", error.getMessage());
    }

    @Test
    void connectsToARealDatabase(TempDatabase database) throws Exception {
        String url = "postgresql://" + database.user() + "@" + database.jdbcUrl()
                .replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
        try (Metadata metadata = parse(Map.of(), "--database-postgres", url,
                "--database-postgres-connections", "2").connect()) {
            try (WriteHandle write = metadata.write()) {
                write.crateAdd("tokio");
                write.commit();
            }
            try (ReadHandle read = metadata.read()) {
                assertTrue(read.crateInfo("tokio").enabled());
            }
        }
    }

    @Test
    void unreachableServerIsReportedWithHostAndPortAndNoPassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        DatabaseOptions options = parse(Map.of(), "--database-postgres",
                "postgres://u:hunter2@127.0.0.1:" + port + "/d");
        DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, options::connect);
        assertTrue(error.getMessage().startsWith("cannot connect to 127.0.0.1:" + port + " ("), error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }
}
