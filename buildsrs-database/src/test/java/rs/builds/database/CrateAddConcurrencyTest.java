package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two transactions adding a crate at once: the same name is added once and both succeed (backends and the per-row
 * path add a crate before each of its versions); another spelling of it is a conflict naming the crate.
 */
@ExtendWith(MetadataExtension.class)
class CrateAddConcurrencyTest {
    /** Adds {@code second} while a transaction that added {@code first} is open, then commits that one. */
    private static Future<?> addWhileAnotherAdds(Metadata metadata, ExecutorService thread, String first,
                                                 String second) throws Exception {
        try (WriteHandle open = metadata.write()) {
            open.crateAdd(first);
            Future<?> racer = thread.submit(() -> metadata.useTransaction(write -> {
                write.crateAdd(second);
            }));
            // the racer waits for the open transaction's insert (a unique index entry in progress)
            assertThrows(java.util.concurrent.TimeoutException.class, () -> racer.get(1, TimeUnit.SECONDS),
                    "waits for the first transaction");
            open.commit();
            return racer;
        }
    }

    @Test
    void theSameNewCrateAddedTwiceAtOnceIsAddedOnceAndBothSucceed(Metadata metadata) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            addWhileAnotherAdds(metadata, thread, "race", "race").get(60, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of("race"), read.crateList("race").stream().map(CrateInfo::name).toList());
        }
    }

    @Test
    void anotherSpellingAddedAtOnceIsAConflictNamingTheCrate(Metadata metadata) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        ExecutionException error;
        try {
            Future<?> racer = addWhileAnotherAdds(metadata, thread, "race-car", "Race_Car");
            error = assertThrows(ExecutionException.class, () -> racer.get(60, TimeUnit.SECONDS));
        } finally {
            thread.shutdownNow();
        }
        assertEquals(ConflictException.class, error.getCause().getClass(), String.valueOf(error.getCause()));
        assertEquals("crate 'Race_Car' is crate 'race-car', which exists: crate names are unique ignoring case and"
                + " '-'/'_', as on crates.io", error.getCause().getMessage());
        try (ReadHandle read = metadata.read()) {
            assertFalse(read.crateList("car").stream().anyMatch(crate -> crate.name().equals("Race_Car")));
        }
    }

    @Test
    void buildersAddingTheSameCratesAtOnceAllSucceed(Metadata metadata) throws Exception {
        // the race the per-row sync benchmark hit: both inserts past the first check, each index entry in progress
        int threads = 4;
        int crates = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    for (int c = 0; c < crates; c++) {
                        String name = "same-" + c;
                        metadata.useTransaction(write -> {
                            write.crateAdd(name);
                        });
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES); // rethrows a failed add
            }
        } finally {
            pool.shutdownNow();
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(crates, read.crateList("same-", 1000).size());
        }
    }
}
