package rs.builds.database.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The admin command line, run as an operator runs it: the built {@code buildsrs-database.jar} in a JVM of its own,
 * with its own connections, against the soak's database.
 */
final class SoakCli {
    /** Longest a command may take: more than any connection timeout, so a hang is told from a slow server. */
    private static final long TIMEOUT_SECONDS = 120;

    /**
     * One command's outcome.
     *
     * @param exit its exit code, or -1 if it was stopped after the timeout
     * @param out what it printed on stdout
     * @param err what it printed on stderr
     */
    record Run(int exit, String out, String err) {
    }

    private final Path jar;
    private final List<String> connection;

    /**
     * @param jar the CLI's runnable jar
     * @param connection the global options that reach the database ({@code --database-postgres URL}, the pooler)
     */
    SoakCli(Path jar, List<String> connection) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("the admin CLI jar " + jar + " does not exist: build it first (mvn -B -q"
                    + " package -DskipTests) or name it with --soak-cli-jar");
        }
        this.jar = jar;
        this.connection = List.copyOf(connection);
    }

    SoakCli as(List<String> otherConnection) {
        return new SoakCli(jar, otherConnection);
    }

    Run run(String... command) throws InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(ProcessHandle.current().info().command().orElse("java"));
        // a short-lived admin command: a small heap and the quick compiler, as an operator's shell would not tune it
        line.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        line.addAll(connection);
        line.addAll(List.of(command));
        try {
            Path out = Files.createTempFile("buildsrs-soak-cli", ".out");
            Path err = Files.createTempFile("buildsrs-soak-cli", ".err");
            try {
                Process process = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                int exit;
                if (process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    exit = process.exitValue();
                } else {
                    process.destroyForcibly().waitFor();
                    exit = -1;
                }
                return new Run(exit, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the admin CLI " + jar + ": " + e.getMessage(), e);
        }
    }
}
