package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rs.builds.database.migrations.MigrationException;
import rs.builds.database.migrations.Migrations;
import rs.builds.database.temp.TempDatabase;

/**
 * V10__names.sql on a V9 database: rows that break the rules stop it with nothing applied and a message that lists
 * them and says how to fix them (its own queries find exactly them); once they are fixed it applies; good rows of
 * every kind are carried over.
 */
@Tag("contract")
class NamesMigrationTest {
    @Test
    void badRowsStopTheMigrationWithWhatToDoAndNothingApplied() throws SQLException {
        try (TempDatabase database = TempDatabase.createBlank()) {
            Migrations migrations = Migrations.of(database.dataSource());
            migrations.migrateTo("9");
            execute(database, """
                    INSERT INTO crates (name) VALUES ('serde'), ('my crate'), ('Serde'), ('ok-crate'), ('Ok_Crate');
                    INSERT INTO crate_versions (crate, version, checksum)
                    SELECT id, v, repeat('a', 64) FROM crates, unnest(ARRAY['1.0.0', '1.0']) v WHERE name = 'serde';
                    INSERT INTO targets (name) VALUES ('x86_64-unknown-linux-gnu'), (' x86_64-unknown-linux-gnu'),
                                                      (E'a\\nb');
                    """);

            MigrationException error = assertThrows(MigrationException.class, migrations::migrate);
            String message = error.getMessage();
            assertTrue(message.contains("V10__names cannot be applied: 6 stored rows break the rules of names that it"
                    + " adds to the schema; nothing was changed."), message);
            assertTrue(message.contains("1 crate names break crates_name_rule: \"my crate\" (id 2)"), message);
            assertTrue(message.contains("1 versions break crate_versions_version_rule: crate \"serde\" version \"1.0\""
                    + " (id 2)"), message);
            assertTrue(message.contains("2 target names break targets_name_rule: \" x86_64-unknown-linux-gnu\" (id 2),"
                    + " \"a\\nb\" (id 3)"), message);
            assertTrue(message.contains("2 crate names are another crate's ignoring case and '-'/'_'"
                    + " (crates_name_canonical): \"serde\" (id 1) and \"Serde\" (id 3); \"ok-crate\" (id 4) and"
                    + " \"Ok_Crate\" (id 5)"), message);
            assertTrue(message.contains("UPDATE targets SET name = 'NEW' WHERE id = ID;"), message);
            assertTrue(message.contains("DELETE FROM crates WHERE id = ID;"), message);
            assertTrue(message.contains("then run migrate again"), message);

            // nothing of V10 is left: not the version, the function, a constraint or the index
            assertEquals("9", migrations.currentVersion().orElseThrow());
            assertEquals(0, count(database, "SELECT count(*) FROM pg_proc WHERE proname = 'crate_name_canonical'"));
            assertEquals(0, count(database, "SELECT count(*) FROM pg_constraint WHERE conname LIKE '%\\_rule'"));
            assertEquals(0, count(database, "SELECT count(*) FROM pg_class WHERE relname = 'crates_name_canonical'"));

            // the message's own queries find exactly the rows it counted
            List<String> queries = message.lines().map(String::strip).filter(line -> line.startsWith("SELECT * FROM ")
                    || line.startsWith("SELECT crate_name_canonical,")).toList();
            assertEquals(4, queries.size(), message);
            assertEquals(List.of("2", "2", "2,3", "{1,3};{4,5}"),
                    queries.stream().map(query -> ids(database, query)).toList());

            // fixed as it says, it applies, and the good rows are there
            execute(database, """
                    UPDATE targets SET name = 'x86_64-unknown-linux-musl' WHERE id = 2;
                    UPDATE targets SET name = 'aarch64-unknown-linux-gnu' WHERE id = 3;
                    UPDATE crate_versions SET version = '1.0.1' WHERE id = 2;
                    DELETE FROM crates WHERE id IN (2, 3, 5);
                    """);
            migrations.migrateTo("10");
            assertEquals("10", migrations.currentVersion().orElseThrow());
            try (Metadata metadata = MetadataExtension.connect(database, 2); ReadHandle read = metadata.read()) {
                assertEquals("serde", read.crateInfo("SERDE").name());
                assertEquals(List.of("1.0.0", "1.0.1"),
                        read.crateVersions("serde").stream().map(VersionInfo::version).toList());
                assertEquals(List.of("aarch64-unknown-linux-gnu", "x86_64-unknown-linux-gnu", "x86_64-unknown-linux-musl"),
                        read.targetList().stream().map(TargetInfo::name).toList());
            }
        }
    }

    private static void execute(TempDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(TempDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** @return the ids a query finds, in order, comma-separated; for the query of canonical twins, each group's */
    private static String ids(TempDatabase database, String sql) {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            boolean twins = rows.getMetaData().getColumnName(1).equals("crate_name_canonical");
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(twins ? 2 : 1));
            }
            if (twins) {
                ids.sort(null);
            }
            return String.join(twins ? ";" : ",", ids);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }
}
