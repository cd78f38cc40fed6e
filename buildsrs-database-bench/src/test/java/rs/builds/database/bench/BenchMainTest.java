package rs.builds.database.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's command line: its help, and the index it writes for {@code crate import}. */
class BenchMainTest {
    /** What {@code main} printed on stdout and stderr. */
    private record Printed(String out, String err) {
    }

    private static Printed main(String... args) throws Exception {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            BenchMain.main(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Printed(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpGoesToStdoutWithTheDefaultsNotTheCommandLinesValues() throws Exception {
        Printed help = main("--help");
        assertEquals("", help.err());
        assertTrue(help.out().contains(" --write-index DIR "), help.out());
        assertTrue(help.out().contains("(default: 250000)"), help.out());
        // --help was true on the command line; its default is false, which is not shown
        assertFalse(help.out().contains("(default: true)"), help.out());
        assertEquals(help, main("--small", "--help"), "the defaults, whatever else the command line set");
    }

    @Test
    void writeIndexWritesEachCratesFileWhereTheIndexLayoutPutsIt(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index");
        Printed wrote = main("--write-index", index.toString(), "--sync-crates", "800");
        assertEquals("", wrote.out());
        Matcher summary = Pattern.compile("wrote ([0-9,]+) versions of 800 crates to " + Pattern.quote(index.toString())
                + "\n").matcher(wrote.err());
        assertTrue(summary.matches(), wrote.err());

        assertTrue(Files.exists(index.resolve("config.json")));
        long lines = 0;
        try (Stream<Path> files = Files.walk(index)) {
            List<Path> crates = files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals("config.json")).toList();
            assertEquals(800, crates.size());
            for (Path crate : crates) {
                String name = crate.getFileName().toString();
                assertEquals(IndexGenerator.file(index, name), crate, "where the crates.io layout puts " + name);
                for (String line : Files.readAllLines(crate)) {
                    assertTrue(line.startsWith("{\"name\":\"" + name + "\",\"vers\":\""), line);
                    lines++;
                }
            }
        }
        assertTrue(Files.exists(index.resolve("1/a")) && Files.exists(index.resolve("2/aa")), "short names too");
        assertEquals(summary.group(1), String.format("%,d", lines));
    }
}
