package rs.builds.database.bench;

import rs.builds.database.migrations.Migrations;
import rs.builds.database.temp.TempDatabase;

/** Creating a test database: cloning the migrated template against migrating a blank database each time. */
final class TempDatabaseBench {
    private TempDatabaseBench() {
    }

    /** @return milliseconds per database, cloned from the template */
    static double cloned(int count) {
        TempDatabase.create().close(); // the template is made once per JVM: not part of the per-test cost
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            TempDatabase.create().close();
        }
        return (System.nanoTime() - start) / 1e6 / count;
    }

    /** @return milliseconds per database, created blank and migrated */
    static double migrated(int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            try (TempDatabase database = TempDatabase.createBlank()) {
                Migrations.of(database.dataSource()).migrate();
            }
        }
        return (System.nanoTime() - start) / 1e6 / count;
    }
}
