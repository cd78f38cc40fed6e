package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API follows {@link Names}: a name of each kind that breaks its rule is an InvalidInputException with nothing
 * stored; crates are found ignoring case and '-'/'_' by every operation that takes a crate name, and a name that is
 * a stored crate's but for that is a conflict naming it.
 */
@ExtendWith(MetadataExtension.class)
class NamesApiTest {
    private static final String SUM = "a".repeat(64);

    @TempDir
    Path dir;

    @Test
    void eachKindOfBadNameIsInvalidInputWithNothingStored(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("serde");
            write.targetAdd(LINUX);
        });
        List<Consumer<WriteHandle>> writes = List.of(
                write -> write.crateAdd("my crate"),
                write -> write.crateAdd("Serde\n"),
                write -> write.crateAdd("1password"),
                write -> write.crateVersionAdd("serde", "1.0", SUM, false),
                write -> write.crateVersionAdd("serde", "v1.0.0", SUM, false),
                write -> write.crateVersionAdd("serde", "1.0.0", "A".repeat(64), false),
                write -> write.targetAdd(" x86_64-unknown-linux-gnu"),
                write -> write.targetAdd("a\nb"),
                write -> write.targetAdd("x86_64 unknown linux"),
                write -> write.targetAdd("X86_64-unknown-linux-gnu"),
                write -> write.targetRename(LINUX, "x86_64 linux"),
                write -> write.sync(List.of(new IndexEntry("my crate", "1.0.0", SUM, false)).iterator(),
                        SyncOptions.partial()));
        for (Consumer<WriteHandle> operation : writes) {
            try (WriteHandle write = metadata.write()) {
                InvalidInputException error = assertThrows(InvalidInputException.class, () -> operation.accept(write));
                assertTrue(error.getMessage().contains(" has ") || error.getMessage().contains("is not valid at")
                        || error.getMessage().startsWith("checksum must be"), error.getMessage());
                assertTrue(error.getMessage().indexOf('\n') < 0, "control characters escaped: " + error.getMessage());
            }
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(new CrateInfo("serde", true, 0)), read.crateList(""));
            assertEquals(List.of(), read.crateVersions("serde"));
            assertEquals(List.of(new TargetInfo(LINUX, false)), read.targetList());
        }
    }

    @Test
    void cratesAreFoundIgnoringCaseAndDashesAndShownAsStored(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        metadata.useTransaction(write -> {
            write.crateAdd("Inflector");
            write.crateAdd("serde_json");
            write.crateVersionAdd("inflector", "0.11.4", SUM, false);
            write.crateVersionAdd("SERDE-JSON", "1.0.0", SUM, false);
            write.crateSetPriority("INFLECTOR", 5);
            write.crateSetEnabled("Serde-Json", false);
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(new CrateInfo("Inflector", true, 5), read.crateInfo("inflector"));
            assertEquals(new CrateInfo("serde_json", false, 0), read.crateInfo("serde-json"));
            assertEquals(List.of(new VersionInfo("Inflector", "0.11.4", SUM, false)), read.crateVersions("iNfLeCtOr"));
            assertEquals(new VersionInfo("serde_json", "1.0.0", SUM, false), read.crateVersionInfo("Serde-JSON", "1.0.0"));
            // versions are exact: no other spelling of a version finds it
            assertThrows(NotFoundException.class, () -> read.crateVersionInfo("inflector", "0.11.4+build"));
        }
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        JobInfo job = QueueFixture.claim(metadata, builder);
        assertEquals("Inflector", job.crate());
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(job.uuid()), read.jobList(JobFilter.all().crate("inflector")).stream()
                    .map(JobInfo::uuid).toList());
            assertEquals("Inflector", read.jobList(JobFilter.all().crate("INFLECTOR").version("0.11.4")).get(0).crate());
            assertEquals(List.of(), read.jobList(JobFilter.all().crate("serde-json")));
        }
        QueueFixture.finish(metadata, job, false);
        metadata.useTransaction(write -> {
            write.jobRequeue("inflector", "0.11.4", LINUX);
        });
    }

    @Test
    void aNameTakenButForCaseOrDashesIsAConflictNamingTheCrate(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("Serde");
            write.crateAdd("serde_json");
            write.crateAdd("Serde"); // the same name again: nothing to do
        });
        for (String[] twin : new String[][] {{"serde", "Serde"}, {"SERDE", "Serde"}, {"serde-json", "serde_json"},
                {"Serde_Json", "serde_json"}}) {
            try (WriteHandle write = metadata.write()) {
                ConflictException conflict = assertThrows(ConflictException.class, () -> write.crateAdd(twin[0]));
                assertEquals("crate '" + twin[0] + "' is crate '" + twin[1] + "', which exists: crate names are unique"
                        + " ignoring case and '-'/'_', as on crates.io", conflict.getMessage());
            }
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of("Serde", "serde_json"), read.crateList("").stream().map(CrateInfo::name).toList());
        }
    }
}
