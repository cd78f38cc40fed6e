package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;

/** ReadHandle.schemaVersion: what the migrations left, read in one query for clients that check it. */
@ExtendWith(MetadataExtension.class)
class SchemaVersionTest {
    private static String newestMigrationFile() throws Exception {
        Pattern file = Pattern.compile("V([0-9]+)__.*\\.sql");
        try (Stream<Path> files = Files.list(Path.of("../sql/migrations"))) {
            return files.map(path -> file.matcher(path.getFileName().toString())).filter(Matcher::matches)
                    .map(match -> match.group(1)).max(Comparator.comparing(Integer::valueOf)).orElseThrow();
        }
    }

    @Test
    void aMigratedDatabaseIsAtTheNewestMigration(Metadata metadata, TempDatabase database) throws Exception {
        try (ReadHandle read = metadata.read()) {
            assertEquals(Optional.of(newestMigrationFile()), read.schemaVersion());
        }
        // versions compare as numbers, not text: 100 is newer than 11 (and than any migration of this release)
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '100',"
                    + " 'later', 'SQL', 'V100__later.sql', 0, current_user, 0, true FROM flyway_schema_history");
            statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '101',"
                    + " 'failed', 'SQL', 'V101__failed.sql', 0, current_user, 0, false FROM flyway_schema_history");
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(Optional.of("100"), read.schemaVersion(), "a failed migration does not count");
        }
    }

    @Test
    void aDatabaseNeverMigratedHasNoVersion() {
        try (TempDatabase blank = TempDatabase.createBlank();
             Metadata metadata = Metadata.open(blank.dataSource());
             ReadHandle read = metadata.read()) {
            assertEquals(Optional.empty(), read.schemaVersion());
        }
    }
}
