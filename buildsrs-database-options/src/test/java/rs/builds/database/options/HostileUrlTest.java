package rs.builds.database.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.args4j.CmdLineParser;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.InvalidInputException;

/**
 * Issue 5, hostile connection URLs: each one, through {@link PostgresUrl#parse} and through {@link DatabaseOptions}
 * (option and environment), is either parsed into exactly the expected JDBC URL, user and password, or rejected with
 * an {@link InvalidInputException} whose message is short and never contains the password. Every case that has a
 * password uses {@value #PASSWORD}, so a leak is easy to spot. No other exception type is allowed.
 */
class HostileUrlTest {
    static final String PASSWORD = "hunter2xyz";
    private static final int MESSAGE_MAX = 2000;

    /** What a URL must give: parsed to these parts, or (when {@code jdbcUrl} is null) rejected. */
    record Expected(String jdbcUrl, String user, String password) {
        static final Expected INVALID = new Expected(null, null, null);

        boolean invalid() {
            return jdbcUrl == null;
        }
    }

    private record UrlCase(String url, Expected expected) {
    }

    private static Named<UrlCase> parsed(String label, String url, String jdbcUrl, String user, String password) {
        return Named.of(label, new UrlCase(url, new Expected(jdbcUrl, user, password)));
    }

    private static Named<UrlCase> invalid(String label, String url) {
        return Named.of(label, new UrlCase(url, Expected.INVALID));
    }

    static final String P = PASSWORD;
    static final String TEN_KB = "h".repeat(10_000);

    static List<Named<UrlCase>> cases() {
        return List.of(
                parsed("plain libpq URI", "postgres://u:" + P + "@host:5432/db",
                        "jdbc:postgresql://host:5432/db", "u", P),
                parsed("postgresql scheme", "postgresql://u:" + P + "@host/db", "jdbc:postgresql://host/db", "u", P),
                parsed("percent-encoded quotes in password", "postgres://u:" + P + "%27%22%60@host/db",
                        "jdbc:postgresql://host/db", "u", P + "'\"`"),
                parsed("raw single quote in password", "postgres://u:" + P + "'@host/db",
                        "jdbc:postgresql://host/db", "u", P + "'"),
                invalid("raw double quote in password", "postgres://u:" + P + "\"@host/db"),
                invalid("raw backtick in password", "postgres://u:" + P + "`@host/db"),
                invalid("raw backslash in password", "postgres://u:" + P + "\\@host/db"),
                invalid("raw space in password", "postgres://u:" + P + " x@host/db"),
                parsed("percent-encoded space in password", "postgres://u:" + P + "%20@host/db",
                        "jdbc:postgresql://host/db", "u", P + " "),
                parsed("percent-encoded @ / # ? in password", "postgres://u:" + P + "%40%2F%23%3F@host/db",
                        "jdbc:postgresql://host/db", "u", P + "@/#?"),
                parsed("colon in password", "postgres://u:" + P + ":x@host/db", "jdbc:postgresql://host/db", "u",
                        P + ":x"),
                parsed("semicolon and SQL in password", "postgres://u:" + P + ";DROP%20TABLE%20x;--@host/db",
                        "jdbc:postgresql://host/db", "u", P + ";DROP TABLE x;--"),
                invalid("raw @ in password", "postgres://u:" + P + "@x@host/db"),
                invalid("raw / in password", "postgres://u:" + P + "/x@host/db"),
                invalid("raw # in password", "postgres://u:" + P + "#x@host/db"),
                invalid("raw ? in password", "postgres://u:" + P + "?x@host/db"),
                invalid("bad percent escape in password", "postgres://u:" + P + "%zz@host/db"),
                invalid("port 99999", "postgres://u:" + P + "@host:99999/db"),
                invalid("port 0", "postgres://u:" + P + "@host:0/db"),
                invalid("negative port", "postgres://u:" + P + "@host:-1/db"),
                invalid("port not a number", "postgres://u:" + P + "@host:port/db"),
                parsed("jdbc URL with password and sslmode injection", "jdbc:postgresql://host/db?password=" + P
                        + "&sslmode=';--", "jdbc:postgresql://host/db?password=" + P + "&sslmode=';--", null, null),
                parsed("jdbc URL with user and password", "jdbc:postgresql://host:5432/db?user=u&password=" + P,
                        "jdbc:postgresql://host:5432/db?user=u&password=" + P, null, null),
                parsed("libpq URI with sslmode injection", "postgres://u:" + P + "@host/db?sslmode=';--",
                        "jdbc:postgresql://host/db?sslmode=';--", "u", P),
                parsed("libpq URI with password in the query", "postgres://host/db?password=" + P,
                        "jdbc:postgresql://host/db?password=" + P, null, null),
                parsed("NUL at the end (trimmed like whitespace)", "postgres://u:" + P + "@host/db\0",
                        "jdbc:postgresql://host/db", "u", P),
                invalid("NUL in the password", "postgres://u:" + P + "\0@host/db"),
                parsed("NUL in a jdbc URL (taken as it is)", "jdbc:postgresql://host/db\0?password=" + P,
                        "jdbc:postgresql://host/db\0?password=" + P, null, null),
                invalid("tab in the host", "postgres://u:" + P + "@ho\tst/db"),
                parsed("leading and trailing whitespace", "  postgres://u:" + P + "@host/db \n",
                        "jdbc:postgresql://host/db", "u", P),
                parsed("10 kB host name", "postgres://u:" + P + "@" + TEN_KB + "/db",
                        "jdbc:postgresql://" + TEN_KB + "/db", "u", P),
                parsed("10 kB password", "postgres://u:" + P + TEN_KB + "@host/db", "jdbc:postgresql://host/db", "u",
                        P + TEN_KB),
                invalid("10 kB host with an underscore", "postgres://u:" + P + "@" + TEN_KB + "_/db"),
                invalid("10 kB of junk", "x".repeat(10_000) + P),
                invalid("10 kB path segments", "postgres://u:" + P + "@host/" + "a/".repeat(5_000)),
                parsed("missing host", "postgres:///db", "jdbc:postgresql://localhost/db", null, null),
                invalid("missing host, with credentials", "postgres://u:" + P + "@/db"),
                parsed("missing database", "postgres://u:" + P + "@host", "jdbc:postgresql://host/", "u", P),
                invalid("nothing but the scheme", "postgres://"),
                invalid("jdbc URL without //", "jdbc:postgresql:" + P),
                invalid("empty", ""),
                invalid("whitespace only", " \t\n"),
                invalid("unknown scheme mysql", "mysql://u:" + P + "@host/db"),
                invalid("unknown scheme http", "http://u:" + P + "@host/db"),
                invalid("uppercase scheme", "POSTGRES://u:" + P + "@host/db"),
                invalid("single slash", "postgres:/u:" + P + "@host/db"),
                invalid("no scheme", "u:" + P + "@host/db"),
                invalid("jdbc URL of another driver", "jdbc:mysql://host/db?password=" + P),
                invalid("the password alone", P),
                invalid("a password with a colon, pasted alone", P + ":x"),
                invalid("unicode host", "postgres://u:" + P + "@b\u00FCcher.example/db"),
                parsed("punycode host", "postgres://u:" + P + "@xn--bcher-kva.example/db",
                        "jdbc:postgresql://xn--bcher-kva.example/db", "u", P),
                invalid("Cyrillic look-alike host", "postgres://u:" + P + "@\u0455erver/db"),
                parsed("IPv6 host", "postgres://u:" + P + "@[::1]:5432/db", "jdbc:postgresql://[::1]:5432/db", "u", P),
                invalid("unclosed IPv6 bracket", "postgres://u:" + P + "@[::1/db"),
                parsed("RTL override in database name", "postgres://u:" + P + "@host/\u202Edb",
                        "jdbc:postgresql://host/\u202Edb", "u", P),
                parsed("semicolon in database name", "postgres://u:" + P + "@host/db;DROP",
                        "jdbc:postgresql://host/db;DROP", "u", P),
                parsed("special characters in user", "postgres://%27%3B--:" + P + "@host/db",
                        "jdbc:postgresql://host/db", "';--", P));
    }

    /**
     * Bugs in main code, by case name; these fail, so they run only in the disabled test:
     * <ul>
     * <li>"raw / in password": ConnectionConfig.masked does not match a password containing '/', and PostgresUrl
     *     puts the URL in "cannot read the host name", so the message shows the password;
     * <li>"a password with a colon, pasted alone": "unsupported database URL scheme 'hunter2xyz:'" echoes what is
     *     before the first colon, though the code means not to echo what may be a pasted password;
     * <li>"10 kB host with an underscore", "10 kB path segments": the message quotes the whole 10 kB URL;
     * <li>"port 0": parsed, and the port silently dropped (the JDBC URL then means port 5432), where 99999 and -1
     *     are rejected.
     * </ul>
     */
    static final List<String> KNOWN_BUGS = List.of("raw / in password", "a password with a colon, pasted alone",
            "10 kB host with an underscore", "10 kB path segments", "port 0");

    static Stream<Named<UrlCase>> corpus() {
        return cases().stream().filter(c -> !KNOWN_BUGS.contains(c.getName()));
    }

    static Stream<Named<UrlCase>> knownBugs() {
        return cases().stream().filter(c -> KNOWN_BUGS.contains(c.getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsedExactlyOrRejectedWithoutThePassword(UrlCase c) throws Exception {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownBugs")
    void formerBugs(UrlCase c) throws Exception {
        check(c);
    }

    /** Hostile values of the other two options: a number from 1 to 1000 (or "postgres"), or a short rejection. */
    static Stream<Named<String[]>> otherOptions() {
        return Stream.of(
                Named.of("connections 0", new String[] {"--database-postgres-connections", "0"}),
                Named.of("connections 1001", new String[] {"--database-postgres-connections", "1001"}),
                Named.of("connections -1", new String[] {"--database-postgres-connections", "-1"}),
                Named.of("connections with NUL", new String[] {"--database-postgres-connections", "16\0"}),
                Named.of("connections 1e3", new String[] {"--database-postgres-connections", "1e3"}),
                Named.of("connections with spaces", new String[] {"--database-postgres-connections", " 16 "}),
                Named.of("connections +16", new String[] {"--database-postgres-connections", "+16"}),
                Named.of("connections in Arabic-Indic digits", new String[] {"--database-postgres-connections",
                    "\u0661\u0666"}),
                Named.of("connections 2^31", new String[] {"--database-postgres-connections", "2147483648"}),
                Named.of("connections SQL", new String[] {"--database-postgres-connections", "16; DROP TABLE x"}),
                Named.of("kind mysql", new String[] {"--database", "mysql"}),
                Named.of("kind with NUL", new String[] {"--database", "postgres\0"}),
                Named.of("kind uppercase", new String[] {"--database", "POSTGRES"}),
                Named.of("kind Cyrillic look-alike", new String[] {"--database", "po\u0455tgres"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherOptions")
    void otherOptionsParsedOrRejectedShortly(String[] args) throws Exception {
        checkOption(args);
    }

    /** DatabaseOptions.connections() and kind() quote the whole value: a 10 kB value gives a 10 kB message. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tenKilobyteOptions")
    void tenKilobyteOptionValuesGetShortMessages(String[] args) throws Exception {
        checkOption(args);
    }

    static Stream<Named<String[]>> tenKilobyteOptions() {
        return Stream.of(
                Named.of("connections 10 kB of digits", new String[] {"--database-postgres-connections",
                    "9".repeat(10_000)}),
                Named.of("kind 10 kB", new String[] {"--database", "k".repeat(10_000)}));
    }

    private static void checkOption(String[] args) throws Exception {
        DatabaseOptions options = new DatabaseOptions(Map.of("DATABASE_POSTGRES", "postgres://u:" + PASSWORD
                + "@host/db")::get);
        new CmdLineParser(options).parseArgument(args);
        try {
            ConnectionConfig config = options.connectionConfig().orElseThrow();
            assertTrue(config.maxConnections() >= 1 && config.maxConnections() <= ConnectionConfig.MAX_CONNECTIONS);
            assertEquals(DatabaseOptions.POSTGRES, options.kind());
        } catch (InvalidInputException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
            assertTrue(e.getMessage().length() < MESSAGE_MAX, "the message is " + e.getMessage().length()
                    + " characters long: " + shorten(e.getMessage()));
        }
    }

    private static void check(UrlCase c) throws Exception {
        Outcome parse = outcome(() -> Optional.of(PostgresUrl.parse(c.url())));
        verify("PostgresUrl.parse", c, parse);
        DatabaseOptions option = new DatabaseOptions(Map.<String, String>of()::get);
        new CmdLineParser(option).parseArgument("--database-postgres", c.url());
        verify("--database-postgres", c, outcome(option::postgresUrl));
        DatabaseOptions environment = new DatabaseOptions(Map.of("DATABASE_POSTGRES", c.url())::get);
        if (c.url().isEmpty()) {
            // an empty variable counts as unset
            assertEquals(Optional.empty(), environment.postgresUrl());
            return;
        }
        verify("DATABASE_POSTGRES", c, outcome(environment::postgresUrl));
        Outcome config = outcomeOfConfig(environment);
        if (c.expected().invalid()) {
            assertTrue(config.error() != null, "connectionConfig accepted what postgresUrl rejected");
        } else {
            ConnectionConfig parsed = config.config();
            assertEquals(c.expected().jdbcUrl(), parsed.jdbcUrl());
            assertEquals(c.expected().user(), parsed.user());
            assertEquals(c.expected().password(), parsed.password());
            assertFalse(parsed.toString().contains(PASSWORD), "ConnectionConfig.toString shows the password: "
                    + parsed);
        }
    }

    private record Outcome(PostgresUrl url, ConnectionConfig config, Throwable error) {
    }

    @FunctionalInterface
    private interface Parse {
        Optional<PostgresUrl> get() throws Exception;
    }

    private static Outcome outcome(Parse parse) {
        try {
            return new Outcome(parse.get().orElseThrow(() -> new AssertionError("no URL parsed")), null, null);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            return new Outcome(null, null, t);
        }
    }

    private static Outcome outcomeOfConfig(DatabaseOptions options) {
        try {
            return new Outcome(null, options.connectionConfig().orElseThrow(), null);
        } catch (Throwable t) {
            return new Outcome(null, null, t);
        }
    }

    private static void verify(String via, UrlCase c, Outcome outcome) {
        Throwable error = outcome.error();
        if (error != null) {
            String message = error.getMessage();
            if (error.getClass() != InvalidInputException.class) {
                throw new AssertionError(via + ": unexpected " + error.getClass().getName() + ": " + shorten(message),
                        error);
            }
            assertTrue(message != null && !message.isBlank(), via + ": empty message");
            assertFalse(message.contains(PASSWORD), via + ": the message shows the password: " + shorten(message));
            assertTrue(message.length() < MESSAGE_MAX, via + ": the message is " + message.length()
                    + " characters long: " + shorten(message));
            if (!c.expected().invalid()) {
                fail(via + ": expected " + c.expected() + " but it was rejected: " + message);
            }
            return;
        }
        PostgresUrl url = outcome.url();
        assertFalse(url.toString().contains(PASSWORD), via + ": toString shows the password: " + url);
        if (c.expected().invalid()) {
            fail(via + ": expected InvalidInputException, but it parsed to jdbcUrl "
                    + shorten(ConnectionConfig.masked(url.jdbcUrl())) + ", user " + url.user() + ", password "
                    + (url.password() == null ? "none" : url.password().equals(PASSWORD) ? "the password"
                    : shorten(url.password().replace(PASSWORD, "<password>"))));
        }
        assertEquals(new PostgresUrl(c.expected().jdbcUrl(), c.expected().user(), c.expected().password()), url,
                via);
    }

    private static String shorten(String message) {
        return message == null ? "null" : message.length() <= 300 ? message
                : message.substring(0, 300) + "... (" + message.length() + " chars)";
    }
}
