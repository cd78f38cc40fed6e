package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A project whose tests make databases, and that has no SLF4J provider, sees nothing of it: no SLF4J warning, no
 * Flyway INFO lines. A JVM of its own, with this module's class path minus the slf4j-nop these tests otherwise use.
 */
class QuietLoggingTest {
    /** The other JVM: makes a database and drops it. */
    public static final class MakeADatabase {
        private MakeADatabase() {
        }

        /** @param args none */
        public static void main(String[] args) {
            try (TempDatabase database = TempDatabase.create()) {
                database.name();
            }
        }
    }

    @Test
    void makingADatabasePrintsNothingWithoutAnSlf4jProvider() throws Exception {
        String classPath = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path"),
                        Path.of("target", "test-classes").toAbsolutePath().toString())
                .flatMap(path -> Stream.of(path.split(File.pathSeparator)))
                .filter(entry -> !entry.isBlank() && !entry.contains("slf4j-nop"))
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, MakeADatabase.class.getName()));
        Path output = Files.createTempFile("quiet", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            int exit = process.waitFor();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, exit, printed);
            assertEquals("", printed);
        } finally {
            Files.delete(output);
        }
    }
}
