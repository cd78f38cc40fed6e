package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.DownloadCount;
import rs.builds.database.JobInfo;
import rs.builds.database.JobStage;
import rs.builds.database.ReadHandle;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
class JobCommandTest {
    private static final String TARGET = ClaimingBuilder.TARGET;
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
    private static final String HASH = ClaimingBuilder.checksum("serde.rlib");

    @TempDir
    static Path keys;
    private static SshKey claimer;
    private static SshKey idle;

    @BeforeAll
    static void generateKeys() throws Exception {
        claimer = SshKey.generate(keys, "claimer");
        idle = SshKey.generate(keys, "idle");
    }

    private static JobInfo info(ClaimingBuilder builder, UUID job) {
        try (ReadHandle read = builder.metadata().read()) {
            return read.jobInfo(job);
        }
    }

    /** Runs a job of serde 1.0.1 through every stage with a log, an artifact downloaded 3 times, and success. */
    private static JobInfo built(ClaimingBuilder builder) {
        JobInfo job = builder.claim();
        assertEquals("serde 1.0.1", job.crate() + " " + job.version());
        UUID uuid = job.uuid();
        builder.metadata().useTransaction(write -> {
            write.jobLog(uuid, List.of("preparing"));
            write.jobStage(uuid, JobStage.FETCH);
            write.jobLog(uuid, List.of("downloading serde 1.0.1"));
            write.jobStage(uuid, JobStage.BUILD);
            write.jobLog(uuid, List.of("   Compiling serde v1.0.1", "", "    Finished release"));
            write.jobStage(uuid, JobStage.UPLOAD);
            long artifact = write.jobArtifactAdd(uuid, "serde.rlib", HASH, 1234, "signature");
            write.jobFinish(uuid, true);
            write.artifactDownloadsAdd(List.of(new DownloadCount(artifact, LocalDate.now(), 3)));
        });
        return info(builder, uuid);
    }

    private static List<String> uuids(CliRun run) {
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        List<String> uuids = new ArrayList<>();
        run.json().forEach(job -> uuids.add(job.get("uuid").textValue()));
        return uuids;
    }

    private static void assertJob(JobInfo expected, JsonNode job) {
        assertEquals(10, job.size(), job.toString());
        assertEquals(expected.uuid().toString(), job.get("uuid").textValue());
        assertEquals(expected.builder().toString(), job.get("builder").textValue());
        assertEquals(expected.target(), job.get("target").textValue());
        assertEquals(expected.crate(), job.get("crate").textValue());
        assertEquals(expected.version(), job.get("version").textValue());
        assertEquals(expected.stage().label(), job.get("stage").textValue());
        assertEquals(expected.started().toString(), job.get("started").textValue());
        assertEquals(expected.started(), Instant.parse(job.get("started").textValue()));
        assertEquals(expected.timeout().toString(), job.get("timeout").textValue());
        if (expected.running()) {
            assertTrue(job.get("ended").isNull(), job.toString());
            assertTrue(job.get("success").isNull(), job.toString());
        } else {
            assertEquals(expected.ended().toString(), job.get("ended").textValue());
            assertTrue(job.get("success").isBoolean(), job.toString());
            assertEquals(expected.success(), job.get("success").booleanValue());
        }
    }

    /** @return a copy of a JSON object without some fields */
    private static JsonNode without(JsonNode object, String... fields) {
        return ((ObjectNode) object.deepCopy()).without(List.of(fields));
    }

    private static String fields(JobInfo job, String ended, String result) {
        return String.format("uuid     %s%ncrate    %s%nversion  %s%ntarget   %s%nbuilder  %s%nstage    %s%n"
                + "started  %s%ntimeout  %s%nended    %s%nresult   %s%n", job.uuid(), job.crate(), job.version(),
                job.target(), job.builder(), job.stage().label(), job.started(), job.timeout(), ended, result);
    }

    @Test
    void showAFinishedJobWithItsArtifactsThenItsLogInOrderWithStages(TempDatabase database) throws Exception {
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0", "1.0.1");
            JobInfo job = built(builder);
            String shown = fields(job, job.ended().toString(), "succeeded") + "\n"
                    + String.format("NAME        SIZE  %-64s  DOWNLOADS%n", "HASH")
                    + "serde.rlib  1234  " + HASH + "  3\n";
            assertEquals(new CliRun(0, shown, ""), CliRun.on(database, "job", "show", job.uuid().toString()));
            assertEquals(new CliRun(0, shown + "\n"
                    + "[init] preparing\n"
                    + "[fetch] downloading serde 1.0.1\n"
                    + "[build]    Compiling serde v1.0.1\n"
                    + "[build] \n"
                    + "[build]     Finished release\n", ""),
                    CliRun.on(database, "job", "show", job.uuid().toString(), "--logs"));

            CliRun json = CliRun.on(database, "job", "show", job.uuid().toString(), "--json");
            assertEquals(0, json.exit(), json.err());
            assertEquals("", json.err());
            JsonNode document = json.json();
            assertEquals(11, document.size(), document.toString());
            assertJob(job, without(document, "artifacts"));
            assertEquals("[{\"name\":\"serde.rlib\",\"size\":1234,\"hash\":\"" + HASH + "\",\"downloads\":3}]",
                    document.get("artifacts").toString());
            assertFalse(document.has("logs"));

            CliRun logs = CliRun.on(database, "job", "show", job.uuid().toString(), "--logs", "--json");
            assertEquals(0, logs.exit(), logs.err());
            assertEquals("", logs.err());
            JsonNode withLogs = logs.json();
            assertEquals(12, withLogs.size(), withLogs.toString());
            assertEquals(document, without(withLogs, "logs"));
            assertEquals("[{\"stage\":\"init\",\"line\":\"preparing\"},"
                    + "{\"stage\":\"fetch\",\"line\":\"downloading serde 1.0.1\"},"
                    + "{\"stage\":\"build\",\"line\":\"   Compiling serde v1.0.1\"},"
                    + "{\"stage\":\"build\",\"line\":\"\"},"
                    + "{\"stage\":\"build\",\"line\":\"    Finished release\"}]", withLogs.get("logs").toString());
            // streamed, yet laid out like every other document
            assertTrue(logs.out().startsWith("{\n  \"uuid\": \"" + job.uuid() + "\",\n"), logs.out());
            assertTrue(logs.out().endsWith("\n    }\n  ]\n}\n"), logs.out());
        }
    }

    @Test
    void showARunningJobWithoutArtifactsOrLog(TempDatabase database) throws Exception {
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0");
            JobInfo job = builder.claim();
            String shown = fields(job, "-", "running") + "\nNAME  SIZE  HASH  DOWNLOADS\n";
            assertEquals(new CliRun(0, shown, ""), CliRun.on(database, "job", "show", job.uuid().toString()));
            assertEquals(new CliRun(0, shown, ""), CliRun.on(database, "job", "show", job.uuid().toString(), "--logs"));

            JsonNode document = CliRun.on(database, "job", "show", job.uuid().toString(), "--json", "--logs").json();
            assertEquals("[]", document.get("artifacts").toString());
            assertEquals("[]", document.get("logs").toString());
            assertJob(job, without(document, "artifacts", "logs"));
        }
    }

    @Test
    void showAnUnknownOrMalformedJob(TempDatabase database) {
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: job '" + UNKNOWN + "' does not exist\n"),
                CliRun.on(database, "job", "show", UNKNOWN, "--logs"));
        CliRun malformed = CliRun.on(database, "job", "show", "nope");
        assertEquals(2, malformed.exit());
        assertEquals("", malformed.out());
        assertTrue(malformed.err().startsWith("ERROR: \"nope\" must be a UUID\n"
                + "Usage: buildsrs-database job show [OPTIONS] UUID\n"), malformed.err());
        assertTrue(malformed.err().contains("--logs"), malformed.err());
    }

    @Test
    void listNewestFirstAsTableAndJson(TempDatabase database) throws Exception {
        assertEquals(new CliRun(0, "UUID  CRATE  VERSION  TARGET  STAGE  STARTED  RESULT  BUILDER\n", ""),
                CliRun.on(database, "job", "list"));
        assertEquals(new CliRun(0, "[ ]\n", ""), CliRun.on(database, "job", "list", "--json"));
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0", "1.0.1");
            JobInfo built = built(builder);
            JobInfo running = builder.claim();

            CliRun table = CliRun.on(database, "job", "list");
            assertEquals(0, table.exit(), table.err());
            assertEquals("", table.err());
            String[] lines = table.out().split("\n");
            assertEquals(3, lines.length, table.out());
            assertEquals(List.of("UUID", "CRATE", "VERSION", "TARGET", "STAGE", "STARTED", "RESULT", "BUILDER"),
                    List.of(lines[0].split(" {2,}")));
            assertEquals(List.of(running.uuid().toString(), "serde", "1.0.0", TARGET, "init",
                    running.started().toString(), "running", builder.uuid().toString()), List.of(lines[1].split(" {2,}")));
            assertEquals(List.of(built.uuid().toString(), "serde", "1.0.1", TARGET, "upload",
                    built.started().toString(), "succeeded", builder.uuid().toString()), List.of(lines[2].split(" {2,}")));

            CliRun json = CliRun.on(database, "job", "list", "--json");
            assertEquals(0, json.exit(), json.err());
            assertEquals("", json.err());
            JsonNode jobs = json.json();
            assertEquals(2, jobs.size());
            assertJob(running, jobs.get(0));
            assertJob(built, jobs.get(1));
        }
    }

    @Test
    void listFiltersByBuilderTargetCrateAndStateAndPages(TempDatabase database) throws Exception {
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0", "1.0.1");
            builder.addVersions("rand", "0.8.5");
            String rand = builder.claim().uuid().toString();
            String serde101 = builder.claim().uuid().toString();
            String serde100 = builder.claim().uuid().toString();
            builder.metadata().useTransaction(write -> {
                write.jobFinish(UUID.fromString(rand), false);
            });
            String other = CliRun.on(database, "builder", "add", idle.pub()).out().strip();
            CliRun.on(database, "target", "add", "wasm32-wasip1");
            List<String> all = List.of(serde100, serde101, rand);

            assertEquals(all, uuids(CliRun.on(database, "job", "list", "--json")));
            assertEquals(all, uuids(CliRun.on(database, "job", "list", "--builder", claimer.pub(), "--json")));
            assertEquals(all, uuids(CliRun.on(database, "job", "list", "--builder", claimer.sha256(), "--json")));
            assertEquals(all, uuids(CliRun.on(database, "job", "list", "--builder", builder.uuid().toString(),
                    "--json")));
            assertEquals(List.of(), uuids(CliRun.on(database, "job", "list", "--builder", other, "--json")));
            assertEquals(all, uuids(CliRun.on(database, "job", "list", "--target", TARGET, "--json")));
            assertEquals(List.of(), uuids(CliRun.on(database, "job", "list", "--target", "wasm32-wasip1", "--json")));
            assertEquals(List.of(serde100, serde101), uuids(CliRun.on(database, "job", "list", "--crate", "serde",
                    "--json")));
            assertEquals(List.of(serde100, serde101), uuids(CliRun.on(database, "job", "list", "--active", "--json")));
            assertEquals(List.of(rand), uuids(CliRun.on(database, "job", "list", "--finished", "--json")));
            assertEquals(List.of(), uuids(CliRun.on(database, "job", "list", "--crate", "serde", "--finished",
                    "--json")));
            assertEquals(List.of(serde101), uuids(CliRun.on(database, "job", "list", "--limit", "1", "--offset", "1",
                    "--json")));
            assertEquals(List.of(serde100, serde101), uuids(CliRun.on(database, "job", "list", "--limit", "2",
                    "--json")));
            assertEquals(List.of(), uuids(CliRun.on(database, "job", "list", "--offset", "3", "--json")));
        }
    }

    @Test
    void listFiltersByVersionAndResult(TempDatabase database) throws Exception {
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0", "1.0.1");
            builder.addVersions("rand", "0.8.5");
            JobInfo rand = builder.claim();
            JobInfo serde101 = builder.claim();
            JobInfo serde100 = builder.claim();
            assertEquals(List.of("rand 0.8.5", "serde 1.0.1", "serde 1.0.0"), List.of(rand.crate() + " "
                    + rand.version(), serde101.crate() + " " + serde101.version(), serde100.crate() + " "
                    + serde100.version()));
            builder.metadata().useTransaction(write -> {
                write.jobFinish(rand.uuid(), false);
                write.jobFinish(serde101.uuid(), true);
            });

            assertEquals(List.of(serde101.uuid().toString()), uuids(CliRun.on(database, "job", "list", "--crate",
                    "serde", "--version", "1.0.1", "--json")));
            assertEquals(List.of(serde100.uuid().toString()), uuids(CliRun.on(database, "job", "list", "--version",
                    "1.0.0", "--crate", "serde", "--json")));
            assertEquals(List.of(rand.uuid().toString()), uuids(CliRun.on(database, "job", "list", "--failed",
                    "--json")));
            assertEquals(List.of(rand.uuid().toString()), uuids(CliRun.on(database, "job", "list", "--failed",
                    "--finished", "--json")));
            assertEquals(List.of(serde101.uuid().toString()), uuids(CliRun.on(database, "job", "list",
                    "--succeeded", "--json")));
            assertEquals(List.of(), uuids(CliRun.on(database, "job", "list", "--crate", "serde", "--failed",
                    "--json")));
            // a running job neither succeeded nor failed
            assertEquals(List.of(), uuids(CliRun.on(database, "job", "list", "--crate", "serde", "--version",
                    "1.0.0", "--succeeded", "--json")));
            assertEquals(List.of(), uuids(CliRun.on(database, "job", "list", "--crate", "serde", "--version",
                    "1.0.0", "--failed", "--json")));

            CliRun table = CliRun.on(database, "job", "list", "--failed");
            assertEquals(0, table.exit(), table.err());
            assertEquals("", table.err());
            String[] lines = table.out().split("\n");
            assertEquals(2, lines.length, table.out());
            assertEquals(List.of(rand.uuid().toString(), "rand", "0.8.5", TARGET, "init", rand.started().toString(),
                    "failed", builder.uuid().toString()), List.of(lines[1].split(" {2,}")));
        }
    }

    @Test
    void listFailsOnUnknownFiltersAndRejectsOptionsThatExcludeEachOther(TempDatabase database) throws Exception {
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: builder '" + UNKNOWN + "' does not exist\n"),
                CliRun.on(database, "job", "list", "--builder", UNKNOWN));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: no builder has the key in '" + idle.pub() + "' (fingerprint "
                + idle.sha256() + ")\n"), CliRun.on(database, "job", "list", "--builder", idle.pub()));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: target 'nope' does not exist\n"),
                CliRun.on(database, "job", "list", "--target", "nope"));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: crate 'nope' does not exist\n"),
                CliRun.on(database, "job", "list", "--crate", "nope", "--json"));
        assertListUsageError(database, "--limit must be from 1 to 10000 (got 0)", "--limit", "0");
        assertEquals(new CliRun(0, "serde\n", ""), CliRun.on(database, "crate", "add", "serde"));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: version of crate 'serde' '9.9.9' does not exist\n"),
                CliRun.on(database, "job", "list", "--crate", "serde", "--version", "9.9.9"));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: crate 'nope' does not exist\n"),
                CliRun.on(database, "job", "list", "--crate", "nope", "--version", "9.9.9", "--failed"));
        assertEquals(new CliRun(0, "[ ]\n", ""), CliRun.on(database, "job", "list", "--crate", "serde", "--json"),
                "a crate without jobs lists nothing");

        CliRun both = CliRun.on(database, "job", "list", "--active", "--finished");
        assertEquals(2, both.exit());
        assertEquals("", both.out());
        assertTrue(both.err().startsWith("ERROR: --active and --finished exclude each other; give neither to list both\n"
                + "Usage: buildsrs-database job list [OPTIONS]\n"), both.err());
        assertListUsageError(database, "--version needs --crate: give the crate whose version it is",
                "--version", "1.0.0");
        assertListUsageError(database, "--succeeded and --failed exclude each other; give neither to list both",
                "--succeeded", "--failed");
        assertListUsageError(database, "--active and --failed exclude each other: a running job has no result yet",
                "--active", "--failed");
        assertListUsageError(database, "--active and --succeeded exclude each other: a running job has no result"
                + " yet", "--succeeded", "--active", "--crate", "serde");
    }

    private static void assertListUsageError(TempDatabase database, String message, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "job";
        args[1] = "list";
        System.arraycopy(options, 0, args, 2, options.length);
        CliRun run = CliRun.on(database, args);
        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: " + message + "\nUsage: buildsrs-database job list [OPTIONS]\n"),
                run.err());
    }

    @Test
    void requeueABuiltPairButNotARunningOrUnknownOne(TempDatabase database) throws Exception {
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0");
            JobInfo job = builder.claim();
            assertEquals(new CliRun(Cli.CONFLICT, "", "ERROR: crate 'serde' version '1.0.0' is being built for target '" + TARGET
                    + "' now; requeue it after its job ends\n"), CliRun.on(database, "job", "requeue", "serde", "1.0.0",
                    TARGET));
            builder.metadata().useTransaction(write -> {
                write.jobFinish(job.uuid(), true);
            });
            assertTrue(builder.tryClaim().isEmpty(), "a built pair is not claimed again");

            assertEquals(new CliRun(0, "requeued serde 1.0.0 for " + TARGET + "\n", ""),
                    CliRun.on(database, "job", "requeue", "serde", "1.0.0", TARGET));
            JobInfo again = builder.claim();
            assertEquals("serde 1.0.0", again.crate() + " " + again.version());
            assertFalse(again.uuid().equals(job.uuid()));

            assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: crate 'nope' does not exist\n"),
                    CliRun.on(database, "job", "requeue", "nope", "1.0.0", TARGET));
            assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: version of crate 'serde' '9.9.9' does not exist\n"),
                    CliRun.on(database, "job", "requeue", "serde", "9.9.9", TARGET));
            assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: target 'nope' does not exist\n"),
                    CliRun.on(database, "job", "requeue", "serde", "1.0.0", "nope"));
            CliRun missing = CliRun.on(database, "job", "requeue", "serde", "1.0.0");
            assertEquals(2, missing.exit());
            assertEquals("", missing.out());
            assertTrue(missing.err().startsWith("ERROR: Argument \"TARGET\" is required\n"
                    + "Usage: buildsrs-database job requeue [OPTIONS] CRATE VERSION TARGET\n"), missing.err());
        }
    }

    @Test
    void expireFailsRunningJobsWhoseLeaseEnded(TempDatabase database) throws Exception {
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0");
            assertEquals(new CliRun(0, "expired 0 jobs\n", ""), CliRun.on(database, "job", "expire"));
            CliRun lease = CliRun.on(database, "queue", "settings", "--lease", "PT1S");
            assertEquals(0, lease.exit(), lease.err());
            JobInfo job = builder.claim();
            assertEquals(Duration.ofSeconds(1), Duration.between(job.started(), job.timeout()));
            // job expire compares leases with this JVM's clock
            Thread.sleep(Math.min(2000, Math.max(0, Duration.between(Instant.now(), job.timeout()).toMillis() + 100)));

            assertEquals(new CliRun(0, "expired 1 job\n", ""), CliRun.on(database, "job", "expire"));
            JsonNode expired = CliRun.on(database, "job", "show", job.uuid().toString(), "--json").json();
            assertEquals(false, expired.get("success").booleanValue());
            assertTrue(expired.get("ended").isTextual(), expired.toString());
            assertEquals(new CliRun(0, "expired 0 jobs\n", ""), CliRun.on(database, "job", "expire"));
        }
    }

    @Test
    void helpForTheGroupAndEachCommand() {
        CliRun group = CliRun.run("job", "--help");
        assertEquals(0, group.exit());
        assertEquals("", group.err());
        assertTrue(group.out().startsWith("Usage: buildsrs-database job [OPTIONS] SUBCOMMAND ...\n"), group.out());
        for (String command : new String[] {"list", "show", "requeue", "expire"}) {
            assertTrue(group.out().contains("\n  " + command + " "), group.out());
            CliRun help = CliRun.run("job", command, "--help");
            assertEquals(0, help.exit(), help.out());
            assertTrue(help.out().startsWith("Usage: buildsrs-database job " + command + " [OPTIONS]"), help.out());
            assertEquals("", help.err());
        }
        String list = CliRun.run("job", "list", "--help").out();
        for (String option : new String[] {"--builder BUILDER", "--target TARGET", "--crate CRATE",
                "--version VERSION", "--active", "--finished", "--succeeded", "--failed", "--limit N", "--offset N",
                "--json"}) {
            assertTrue(list.contains(option), list);
        }
        assertTrue(CliRun.run("--help").out().contains("\n  job "));
    }
}
