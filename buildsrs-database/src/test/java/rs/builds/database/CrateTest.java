package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;

@ExtendWith(MetadataExtension.class)
@Tag("contract")
class CrateTest {
    static final String SUM_A = "a".repeat(64);
    static final String SUM_B = "b".repeat(64);

    @Test
    void crateAddIsIdempotentAndEnabledByDefault(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("serde");
            write.crateSetEnabled("serde", false);
            write.crateAdd("serde");
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(new CrateInfo("serde", false, 0), read.crateInfo("serde"), "re-adding must not re-enable");
            assertEquals(List.of(new CrateInfo("serde", false, 0)), read.crateList(""));
        }
    }

    @Test
    void priorityReadsBackThroughInfoListAndSearch(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("serde");
            write.crateAdd("serde_json");
            write.crateAdd("tokio");
            write.crateSetPriority("serde", 10);
            write.crateSetPriority("tokio", -5);
            write.crateSetPriority("tokio", Integer.MIN_VALUE);
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(new CrateInfo("serde", true, 10), read.crateInfo("serde"));
            assertEquals(new CrateInfo("tokio", true, Integer.MIN_VALUE), read.crateInfo("tokio"));
            assertEquals(List.of(new CrateInfo("serde", true, 10), new CrateInfo("serde_json", true, 0),
                    new CrateInfo("tokio", true, Integer.MIN_VALUE)), read.crateList(""), "listed by name");
            assertEquals(List.of(new CrateInfo("serde", true, 10), new CrateInfo("serde_json", true, 0)),
                    read.crateList("serde"), "searched");
        }
    }

    @Test
    void unknownCrateIsNotFound(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            NotFoundException error = assertThrows(NotFoundException.class, () -> read.crateInfo("nope"));
            assertEquals("crate", error.entity());
            assertEquals("nope", error.key());
            assertThrows(NotFoundException.class, () -> read.crateVersions("nope"));
        }
    }

    @Test
    void versionOfUnknownCrateIsNotFoundNamingTheCrate(Metadata metadata) {
        try (WriteHandle write = metadata.write()) {
            NotFoundException error = assertThrows(NotFoundException.class,
                    () -> write.crateVersionAdd("ghost", "1.0.0", SUM_A, false));
            assertEquals("crate 'ghost' does not exist", error.getMessage());
        }
    }

    @Test
    void versionsAddYankAndUnyank(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("rand");
            write.crateVersionAdd("rand", "0.8.5", SUM_A, false);
            write.crateVersionAdd("rand", "0.9.0", SUM_B, false);
        });
        metadata.useTransaction(write -> {
            write.crateVersionAdd("rand", "0.8.5", SUM_A, true);
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(new VersionInfo("rand", "0.8.5", SUM_A, true), read.crateVersionInfo("rand", "0.8.5"));
            assertEquals(List.of(new VersionInfo("rand", "0.8.5", SUM_A, true),
                    new VersionInfo("rand", "0.9.0", SUM_B, false)), read.crateVersions("rand"));
        }
        metadata.useTransaction(write -> {
            write.crateVersionAdd("rand", "0.8.5", SUM_A, false);
            write.crateVersionAdd("rand", "0.8.5", SUM_A, false); // unchanged: no-op
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(false, read.crateVersionInfo("rand", "0.8.5").yanked());
        }
    }

    @Test
    void changedChecksumIsAConflictAndLeavesTheRowAsItWas(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("tokio");
            write.crateVersionAdd("tokio", "1.0.0", SUM_A, false);
        });
        try (WriteHandle write = metadata.write()) {
            ConflictException error = assertThrows(ConflictException.class,
                    () -> write.crateVersionAdd("tokio", "1.0.0", SUM_B, true));
            assertTrue(error.getMessage().contains("crate 'tokio' version '1.0.0'"), error.getMessage());
            assertTrue(error.getMessage().contains(SUM_A) && error.getMessage().contains(SUM_B), error.getMessage());
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(new VersionInfo("tokio", "1.0.0", SUM_A, false), read.crateVersionInfo("tokio", "1.0.0"));
        }
    }

    @Test
    void unknownVersionIsNotFoundNamingIt(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("log");
        });
        try (ReadHandle read = metadata.read()) {
            NotFoundException error = assertThrows(NotFoundException.class, () -> read.crateVersionInfo("log", "9.9.9"));
            assertEquals("version of crate 'log' '9.9.9' does not exist", error.getMessage());
            assertThrows(NotFoundException.class, () -> read.crateVersionInfo("nolog", "9.9.9"));
        }
    }

    @Test
    void malformedChecksumIsInvalidInput(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("log");
        });
        for (String bad : new String[] {"", "abc", "A".repeat(64), "g".repeat(64), SUM_A + " ", "'; DROP TABLE x; --"}) {
            try (WriteHandle write = metadata.write()) {
                InvalidInputException error = assertThrows(InvalidInputException.class,
                        () -> write.crateVersionAdd("log", "1.0.0", bad, false));
                assertTrue(error.getMessage().startsWith("checksum must be 64 lowercase hex digits"), error.getMessage());
            }
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(), read.crateVersions("log"));
        }
    }

    @Test
    void setEnabledOfUnknownCrateIsNotFound(Metadata metadata) {
        try (WriteHandle write = metadata.write()) {
            assertThrows(NotFoundException.class, () -> write.crateSetEnabled("nope", true));
        }
    }

    @Test
    void checksumCannotChangeEvenBypassingTheApi(TempDatabase database) throws Exception {
        // the trigger guards the rule for every writer, not just this library
        try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO crates (name) VALUES ('x')");
            statement.execute("INSERT INTO crate_versions (crate, version, checksum) SELECT id, '1.0.0', '" + SUM_A
                    + "' FROM crates");
            var error = assertThrows(java.sql.SQLException.class,
                    () -> statement.execute("UPDATE crate_versions SET checksum = '" + SUM_B + "'"));
            assertEquals("23514", error.getSQLState());
        }
    }

    @Test
    void versionsReferenceTheirCrateLikeAForeignKey(TempDatabase database) throws Exception {
        try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO crates (name) VALUES ('x')");
            statement.execute("INSERT INTO crate_versions (crate, version, checksum) SELECT id, '1.0.0', '" + SUM_A
                    + "' FROM crates");
            var orphan = assertThrows(java.sql.SQLException.class, () -> statement.execute(
                    "INSERT INTO crate_versions (crate, version, checksum) VALUES (424242, '1.0.0', '" + SUM_A + "')"));
            assertEquals("23503", orphan.getSQLState());
            var moved = assertThrows(java.sql.SQLException.class,
                    () -> statement.execute("UPDATE crate_versions SET crate = 424242"));
            assertEquals("23514", moved.getSQLState(), "a version never moves to another crate");
            statement.execute("DELETE FROM crates");
            var rows = statement.executeQuery("SELECT count(*) FROM crate_versions");
            rows.next();
            assertEquals(0, rows.getLong(1), "deleting a crate deletes its versions");
        }
    }
}
