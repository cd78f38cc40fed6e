package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every console example of the README and of ADMIN-SESSION.md, run as a reader would run it, in order, and compared
 * with the output the doc shows, stdout and stderr as a terminal interleaves them: the docs cannot drift from what
 * the CLI does.
 *
 * <p>The CLI's commands run in-process, through {@link Cli} as {@code Main} runs it, on the embedded default of the
 * data directory they name; {@code echo $?} prints the exit code of the command before; any other command
 * ({@code mkdir}, {@code ssh-keygen}, {@code cat}) runs in bash. The docs work under {@code /tmp/buildsrs-*}; a
 * run works in a temporary directory instead and shows its paths as the doc's. UUIDs, key fingerprints, public keys
 * and times differ from run to run: they are matched by kind, consistently ({@link VaryingValues}). Nothing else is
 * masked: the schema version {@code status} shows is the doc's own text, so a new migration fails this test until the
 * docs show the new version. To take what the CLI prints into the docs, run this test with
 * {@code -Ddocs.update=true} and review the diff.
 */
class ConsoleDocsTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root"));
    private static final String CLI = "java -jar buildsrs-database-cli/target/buildsrs-database.jar ";
    /** Where the docs' files are: this prefix of their paths is a run's temporary directory. */
    private static final String DOC_FILES = "/tmp/buildsrs-";
    private static final boolean UPDATE = Boolean.getBoolean("docs.update");

    /** What a command printed, stdout and stderr interleaved, and its exit code. */
    private record Ran(int exit, String output) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "buildsrs-database-cli/ADMIN-SESSION.md"})
    void everyCommandPrintsWhatTheDocShows(String name, @TempDir Path tmp) throws Exception {
        ConsoleDoc doc = ConsoleDoc.read(ROOT.resolve(name));
        assertFalse(doc.steps().isEmpty(), name + " has no console example");
        String runFiles = tmp + "/buildsrs-";
        VaryingValues values = new VaryingValues();
        Map<String, EmbeddedServer> servers = new HashMap<>();
        List<String> updates = new ArrayList<>();
        int exit = 0;
        try {
            for (ConsoleDoc.Step step : doc.steps()) {
                String command = values.command(step.command()).replace(DOC_FILES, runFiles);
                Ran ran;
                if (command.startsWith(CLI)) {
                    String[] args = ShellWords.split(command.substring(CLI.length()));
                    keepServerRunning(args, servers);
                    ran = cli(args);
                } else if (command.equals("echo $?")) {
                    ran = new Ran(exit, exit + "\n");
                } else {
                    ran = bash(command, tmp);
                }
                exit = ran.exit();
                String shown = doc.output(step);
                String printed = ran.output().replace(runFiles, DOC_FILES);
                if (values.matches(shown, printed)) {
                    updates.add(null);
                } else if (UPDATE) {
                    String update = values.asDoc(printed);
                    // the run's new values are the doc's from now on
                    values.matches(update, printed);
                    updates.add(update);
                } else {
                    assertEquals(shown, values.asDoc(printed), name + ":" + step.line() + ": $ " + step.command()
                            + "\nprints other than the doc shows (UUIDs, fingerprints, keys and times may differ)."
                            + " Update the doc, or run ConsoleDocsTest with -Ddocs.update=true and review the diff");
                }
            }
        } finally {
            for (EmbeddedServer server : servers.values()) {
                server.close();
            }
        }
        if (UPDATE) {
            doc.rewrite(updates);
        }
    }

    /**
     * Keeps the embedded server of the command's data directory running until the doc is done: each command joins
     * it as a command joins one that another command started, instead of starting and stopping its own.
     */
    private static void keepServerRunning(String[] args, Map<String, EmbeddedServer> servers) {
        int dataDir = Arrays.asList(args).indexOf("--data-dir");
        if (dataDir >= 0 && !servers.containsKey(args[dataDir + 1])) {
            servers.put(args[dataDir + 1], EmbeddedServer.start(Path.of(args[dataDir + 1])));
        }
    }

    /** Runs the CLI as {@code Main} does, with stdout and stderr in one stream, in the order written. */
    private static Ran cli(String[] args) {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(terminal, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(terminal, true, StandardCharsets.UTF_8)) {
            exit = new Cli(out, err, Map.<String, String>of()::get).run(args);
        }
        return new Ran(exit, terminal.toString(StandardCharsets.UTF_8));
    }

    private static Ran bash(String command, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        return new Ran(process.exitValue(), output);
    }
}
