package rs.builds.database.cli.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImportProgressTest {
    @Test
    void plainLinesSayHowManyRowsWereRead() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
             ImportProgress progress = ImportProgress.lines(stream, 0)) {
            progress.row(1000, 1024);
            progress.done(1500);
        }
        String lines = err.toString(StandardCharsets.UTF_8);
        // the rows are read, not yet imported: the sync applies them after the end of the index
        assertTrue(lines.matches("read 1024 rows \\([0-9]+ rows/s\\)\nread 1500 rows \\([0-9]+ rows/s\\); applying"
                + " them\n"), lines);
    }
}
