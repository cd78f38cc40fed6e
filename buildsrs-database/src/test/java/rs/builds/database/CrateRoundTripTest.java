package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
class CrateRoundTripTest {
    @Test
    void addedCrateReadsBack(TempDatabase database) {
        Metadata metadata = Metadata.open(database.dataSource());
        try (WriteHandle write = metadata.write()) {
            write.crateAdd("serde");
            write.commit();
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(new CrateInfo("serde", true), read.crateInfo("serde"));
            NotFoundException missing = assertThrows(NotFoundException.class, () -> read.crateInfo("serde_json"));
            assertEquals("crate 'serde_json' does not exist", missing.getMessage());
        }
    }
}
