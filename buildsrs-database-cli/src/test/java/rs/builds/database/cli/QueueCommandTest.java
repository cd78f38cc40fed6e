package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
class QueueCommandTest {
    private static final String TARGET = ClaimingBuilder.TARGET;
    private static final String DEFAULTS = "locked         false\nmax attempts   3\nlease          PT15M\n"
            + "retry backoff  PT10M\n";

    @TempDir
    static Path keys;
    private static SshKey claimer;

    @BeforeAll
    static void generateKey() throws Exception {
        claimer = SshKey.generate(keys, "claimer");
    }

    private static void finish(ClaimingBuilder builder, UUID job, boolean success) {
        builder.metadata().useTransaction(write -> {
            write.jobFinish(job, success);
        });
    }

    @Test
    void statsPerTargetWithTotals(TempDatabase database) throws Exception {
        assertEquals(new CliRun(0, "locked  false\n\nTARGET  ENABLED  QUEUED  RUNNING  SUCCEEDED  FAILED\n"
                + "total            0       0        0          0\n", ""), CliRun.on(database, "queue", "stats"));
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0", "1.0.1", "1.0.2");
            builder.addVersions("rand", "0.1.0");
            CliRun.on(database, "target", "add", "wasm32-wasip1");
            finish(builder, builder.claim().uuid(), true);
            CliRun.on(database, "queue", "settings", "--max-attempts", "1");
            finish(builder, builder.claim().uuid(), false);
            builder.claim();

            assertEquals(new CliRun(0, "locked  false\n\n"
                    + "TARGET                    ENABLED  QUEUED  RUNNING  SUCCEEDED  FAILED\n"
                    + "wasm32-wasip1             false    0       0        0          0\n"
                    + "x86_64-unknown-linux-gnu  true     1       1        1          1\n"
                    + "total                              1       1        1          1\n", ""),
                    CliRun.on(database, "queue", "stats"));

            CliRun json = CliRun.on(database, "queue", "stats", "--json");
            assertEquals(0, json.exit(), json.err());
            assertEquals("", json.err());
            assertEquals("{\"locked\":false,\"targets\":["
                    + "{\"name\":\"wasm32-wasip1\",\"enabled\":false,\"queued\":0,\"running\":0,\"succeeded\":0,"
                    + "\"failed\":0},"
                    + "{\"name\":\"" + TARGET + "\",\"enabled\":true,\"queued\":1,\"running\":1,\"succeeded\":1,"
                    + "\"failed\":1}],"
                    + "\"totals\":{\"queued\":1,\"running\":1,\"succeeded\":1,\"failed\":1}}", json.json().toString());
        }
    }

    @Test
    void lockStopsClaimsAndShowsInStatsAndSettingsUntilUnlock(TempDatabase database) throws Exception {
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0");
            assertEquals(new CliRun(0, "queue locked\n", ""), CliRun.on(database, "queue", "lock"));
            assertTrue(builder.tryClaim().isEmpty(), "a locked queue gives no jobs");
            CliRun stats = CliRun.on(database, "queue", "stats");
            assertEquals(0, stats.exit(), stats.err());
            assertTrue(stats.out().startsWith("locked  true\n\nTARGET  "), stats.out());
            assertEquals(true, CliRun.on(database, "queue", "stats", "--json").json().get("locked").booleanValue());
            assertEquals(true, CliRun.on(database, "queue", "settings", "--json").json().get("locked").booleanValue());
            // locking twice is no error
            assertEquals(new CliRun(0, "queue locked\n", ""), CliRun.on(database, "queue", "lock"));

            assertEquals(new CliRun(0, "queue unlocked\n", ""), CliRun.on(database, "queue", "unlock"));
            assertEquals(false, CliRun.on(database, "queue", "stats", "--json").json().get("locked").booleanValue());
            assertEquals("serde", builder.claim().crate());
        }
    }

    @Test
    void settingsShowAndChangeOnlyTheValuesGiven(TempDatabase database) {
        assertEquals(new CliRun(0, DEFAULTS, ""), CliRun.on(database, "queue", "settings"));
        assertEquals(new CliRun(0, "{\n  \"locked\": false,\n  \"maxAttempts\": 3,\n  \"lease\": \"PT15M\",\n"
                + "  \"retryBackoff\": \"PT10M\"\n}\n", ""), CliRun.on(database, "queue", "settings", "--json"));

        assertEquals(new CliRun(0, DEFAULTS.replace("3", "5"), ""),
                CliRun.on(database, "queue", "settings", "--max-attempts", "5"));
        assertEquals(new CliRun(0, "locked         false\nmax attempts   5\nlease          PT1H30M\n"
                + "retry backoff  PT30S\n", ""), CliRun.on(database, "queue", "settings", "--lease", "PT1H30M",
                "--retry-backoff", "30"));
        CliRun json = CliRun.on(database, "queue", "settings", "--lease", "900", "--retry-backoff", "pt0s", "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals("", json.err());
        assertEquals("{\"locked\":false,\"maxAttempts\":5,\"lease\":\"PT15M\",\"retryBackoff\":\"PT0S\"}",
                json.json().toString());
        assertEquals("{\"locked\":false,\"maxAttempts\":5,\"lease\":\"PT15M\",\"retryBackoff\":\"PT0S\"}",
                CliRun.on(database, "queue", "settings", "--json").json().toString());
    }

    private static void assertUsageError(CliRun run, String message) {
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: " + message + "\nUsage: buildsrs-database queue settings [OPTIONS]\n"),
                run.err());
        assertTrue(run.err().contains("--retry-backoff DURATION"), run.err());
    }

    @Test
    void settingsRejectBadValuesAsUsageErrorsChangingNothing(TempDatabase database) {
        assertUsageError(CliRun.on(database, "queue", "settings", "--lease", "abc"),
                "--lease must be a duration like PT15M, PT1H30M or a number of seconds, not \"abc\"");
        assertUsageError(CliRun.on(database, "queue", "settings", "--max-attempts", "4", "--lease", "1.5"),
                "--lease must be a duration like PT15M, PT1H30M or a number of seconds, not \"1.5\"");
        assertUsageError(CliRun.on(database, "queue", "settings", "--retry-backoff", "-PT1M"),
                "--retry-backoff must not be negative, not \"-PT1M\"");
        assertUsageError(CliRun.on(database, "queue", "settings", "--max-attempts", "4", "--lease", "0"),
                "lease must be from one second to 365 days (got PT0S)");
        assertUsageError(CliRun.on(database, "queue", "settings", "--retry-backoff", "P400D"),
                "retry backoff must be from 0 to 365 days (got PT9600H)");
        assertUsageError(CliRun.on(database, "queue", "settings", "--max-attempts", "101"),
                "max attempts must be between 1 and 100 (got 101)");
        assertUsageError(CliRun.on(database, "queue", "settings", "--max-attempts", "many"),
                "\"many\" is not a valid value for \"--max-attempts\"");
        assertEquals(new CliRun(0, DEFAULTS, ""), CliRun.on(database, "queue", "settings"));
    }

    @Test
    void helpForTheGroupAndEachCommand() {
        CliRun group = CliRun.run("queue", "--help");
        assertEquals(0, group.exit());
        assertEquals("", group.err());
        assertTrue(group.out().startsWith("Usage: buildsrs-database queue [OPTIONS] SUBCOMMAND ...\n"), group.out());
        for (String command : new String[] {"stats", "settings", "lock", "unlock"}) {
            assertTrue(group.out().contains("\n  " + command + " "), group.out());
            CliRun help = CliRun.run("queue", command, "--help");
            assertEquals(0, help.exit(), help.out());
            assertTrue(help.out().startsWith("Usage: buildsrs-database queue " + command + " [OPTIONS]\n"), help.out());
            assertEquals("", help.err());
        }
        String settings = CliRun.run("queue", "settings", "--help").out();
        for (String option : new String[] {"--max-attempts N", "--lease DURATION", "--retry-backoff DURATION",
                "--json"}) {
            assertTrue(settings.contains(option), settings);
        }
        assertTrue(CliRun.run("queue", "stats", "--help").out().contains("--json"));
        assertTrue(CliRun.run("--help").out().contains("\n  queue "));
    }
}
