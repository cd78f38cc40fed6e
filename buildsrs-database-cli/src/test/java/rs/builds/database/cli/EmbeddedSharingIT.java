package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default shared by real processes ({@code java -jar} of the built CLI): the {@code server} command,
 * commands using its server, two commands starting at once, a server left by {@code kill -9}, and Ctrl-C / SIGTERM.
 * Nothing here waits for a time: each step waits for what the process prints, for it to end, or for it to open a file.
 */
class EmbeddedSharingIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private List<String> cli(String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", System.getProperty("cli.shaded.jar"),
                "--data-dir", dir.resolve("data").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private String usingLine() {
        return "using the embedded PostgreSQL in " + dir.resolve("data")
                + " (pass --database-postgres URL to use a server)\n";
    }

    /** A CLI process whose stderr goes to a file, read once it has ended. */
    private record Launched(Process process, Path err) {
        String stderr() throws Exception {
            return Files.readString(err);
        }
    }

    private Launched start(String name, String... args) throws Exception {
        Path err = dir.resolve(name + ".err");
        Process process = new ProcessBuilder(cli(args)).redirectError(err.toFile()).start();
        return new Launched(process, err);
    }

    private CliRun launch(String... args) throws Exception {
        Path out = dir.resolve("run.out");
        Path err = dir.resolve("run.err");
        Process process = new ProcessBuilder(cli(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = process.waitFor();
        return new CliRun(exit, Files.readString(out), Files.readString(err));
    }

    /** Starts {@code server} and returns once it has printed its URL, i.e. once the server is up. */
    private Launched server(String name) throws Exception {
        Launched server = start(name, "server");
        BufferedReader out = new BufferedReader(new InputStreamReader(server.process().getInputStream(),
                StandardCharsets.UTF_8));
        String url = out.readLine();
        assertTrue(url != null && url.matches("postgres://postgres@localhost:\\d+/postgres"),
                url + "\n" + server.stderr());
        return server;
    }

    private Path postmasterPid() {
        return dir.resolve("data").resolve("postgres").resolve("postmaster.pid");
    }

    private long serverPid() throws Exception {
        return Long.parseLong(Files.readAllLines(postmasterPid()).get(0).strip());
    }

    private String password() throws Exception {
        return Files.readString(dir.resolve("data").resolve(EmbeddedServer.PASSWORD_FILE)).strip();
    }

    private static void signal(Process process, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor());
    }

    @Test
    void serverServesPsqlAndOtherCommandsAndStopsOnCtrlC() throws Exception {
        Launched server = server("server");
        String url = "postgres://postgres@localhost:" + Files.readAllLines(postmasterPid()).get(3).strip()
                + "/postgres";
        // another command uses the running server: no second server, no lock error, nothing waited for
        assertEquals(new CliRun(0, "serde\n", usingLine()), launch("crate", "add", "serde"));
        ProcessBuilder psql = new ProcessBuilder("psql", url, "-XAtc", "SELECT name FROM crates")
                .redirectErrorStream(true);
        psql.environment().put("PGPASSWORD", password());
        Process query = psql.start();
        assertEquals("serde\n", new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, query.waitFor());
        assertTrue(Files.exists(postmasterPid()), "the command left the server's server running");

        signal(server.process(), "INT");
        assertEquals(130, server.process().waitFor(), server.stderr());
        assertTrue(server.stderr().endsWith("stopped the embedded PostgreSQL in " + dir.resolve("data") + "\n"),
                server.stderr());
        assertFalse(Files.exists(postmasterPid()), "stopped cleanly: PostgreSQL deletes its pid file");
    }

    @Test
    void theServerKeepsRunningForACommandStillUsingItAndTheLastUserStopsIt() throws Exception {
        Launched server = server("server");
        try (EmbeddedServer using = EmbeddedServer.start(dir.resolve("data"))) {
            server.process().destroy(); // SIGTERM
            assertEquals(143, server.process().waitFor(), server.stderr());
            assertTrue(server.stderr().endsWith("the embedded PostgreSQL in " + dir.resolve("data") + " keeps running"
                    + " for the commands using it; the last of them stops it\n"), server.stderr());
            try (Connection connection = DriverManager.getConnection(using.connectionConfig().jdbcUrl(),
                    "postgres", password())) {
                assertTrue(connection.isValid(5));
            }
        }
        assertFalse(Files.exists(postmasterPid()), "the last user stopped it");
    }

    @Test
    void aServerLeftRunningByKill9IsFoundAtOnceUsedAndStopped() throws Exception {
        Launched server = server("server");
        long postgres = serverPid();
        server.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertEquals(137, server.process().waitFor());
        assertTrue(ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false), "PostgreSQL outlives it");

        CliRun status = launch("status", "--json");
        assertEquals(0, status.exit(), status.err());
        assertEquals("found the embedded PostgreSQL (process " + postgres + ") that a command left running when it"
                + " was killed; using it, and stopping it when done\n" + usingLine(), status.err());
        assertEquals(0, status.json().get("crates").longValue());
        assertFalse(Files.exists(postmasterPid()), "stopped when done");
    }

    @Test
    void twoCommandsStartingAtOnceShareOneServer() throws Exception {
        Launched first = start("first", "migrate");
        Launched second = start("second", "migrate");
        String firstOut = new String(first.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String secondOut = new String(second.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, first.process().waitFor(), first.stderr());
        assertEquals(0, second.process().waitFor(), second.stderr());
        // between them they applied every migration once (one may have applied all, or each a part: each migration
        // runs under Flyway's lock), and each reports the version the database has then
        Pattern reported = Pattern.compile("schema version 15 \\(applied (\\d+) migrations?\\)\n");
        int applied = 0;
        for (String out : List.of(firstOut, secondOut)) {
            Matcher matched = reported.matcher(out);
            assertTrue(matched.matches(), firstOut + secondOut);
            applied += Integer.parseInt(matched.group(1));
        }
        assertEquals(15, applied, firstOut + secondOut);
        for (Launched run : List.of(first, second)) {
            for (String line : run.stderr().lines().toList()) {
                assertTrue((line + "\n").equals(usingLine()) || line.equals("waiting for another command that is"
                        + " starting or stopping the embedded PostgreSQL in " + dir.resolve("data")), run.stderr());
            }
        }
        assertFalse(Files.exists(postmasterPid()), "the last one stopped the server");
        CliRun status = launch("status", "--json");
        assertEquals(0, status.exit(), status.err());
        assertEquals("15", status.json().get("schemaVersion").textValue());
    }

    @Test
    void sigtermDuringCrateImportImportsNothingAndExits143() throws Exception {
        Path index = dir.resolve("index");
        CliModulePathIT.generateIndex(index, 5_000);
        // the last file of the index is a pipe: the import blocks reading it, mid-transaction, until it is written
        Path last = index.resolve("zz").resolve("zz").resolve("zzzz");
        Files.createDirectories(last.getParent());
        assertEquals(0, new ProcessBuilder("mkfifo", last.toString()).start().waitFor());

        Path out = dir.resolve("import.out");
        Path err = dir.resolve("import.err");
        Launched run = new Launched(new ProcessBuilder(cli("crate", "import", index.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start(), err);
        // opening a pipe for writing returns once a reader opened it: the import has sent every other row by then
        CompletableFuture<OutputStream> writer = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newOutputStream(last);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture.anyOf(writer, run.process().onExit()).get();
        assertTrue(writer.isDone(), "the import ended before reading the pipe: " + run.stderr());
        try (OutputStream pipe = writer.get()) {
            run.process().destroy(); // SIGTERM
            assertEquals(143, run.process().waitFor(), run.stderr());
        }
        assertEquals("", Files.readString(out));
        assertEquals(usingLine() + "interrupted; nothing was imported\n", run.stderr());
        assertFalse(Files.exists(postmasterPid()), "the interrupted command stopped its server");

        CliRun status = CliRun.run(Map.of(), "--data-dir", dir.resolve("data").toString(), "status", "--json");
        assertEquals(0, status.exit(), status.err());
        assertEquals(0, status.json().get("crates").longValue(), status.out());
        assertEquals(0, status.json().get("versions").longValue(), status.out());
    }
}
