package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small test classes through JUnit itself to see what the extension does after them. */
class TempDatabaseExtensionTest {
    @Test
    void passingTestGetsADatabaseThatIsDroppedAfterwards() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Passing.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertNotNull(Passing.seen);
        assertFalse(Passing.seen.exists());
    }

    @Test
    void failingTestKeepsItsDatabase() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Failing.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(0).failed(1));
        assertNotNull(Failing.seen);
        try {
            assertTrue(Failing.seen.exists());
        } finally {
            TempServer.shared().dropDatabase(Failing.seen.name());
        }
    }

    @Test
    void skippedTestsDatabaseIsDroppedToo() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Skipped.class)).execute()
                .testEvents().assertStatistics(stats -> stats.aborted(1).failed(0));
        assertNotNull(Skipped.seen);
        assertFalse(Skipped.seen.exists(), "a skipped test has nothing to look at: its database must not pile up");
    }

    @Test
    void aDatabaseIsPerTestNotPerClass() {
        // a class-wide database would be dropped after the first test; asking for one fails the class instead
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ClassWide.class)).execute()
                .containerEvents().assertStatistics(stats -> stats.failed(1));
    }

    @ExtendWith(TempDatabaseExtension.class)
    static class ClassWide {
        @BeforeAll
        static void setUp(TempDatabase database) {
        }

        @Test
        void first() {
        }
    }

    @ExtendWith(TempDatabaseExtension.class)
    static class Skipped {
        static TempDatabase seen;

        @Test
        void skips(TempDatabase database) {
            seen = database;
            Assumptions.assumeTrue(false, "deliberately skipped");
        }
    }

    @ExtendWith(TempDatabaseExtension.class)
    static class Passing {
        static TempDatabase seen;

        @Test
        void usesDatabase(TempDatabase database) {
            seen = database;
            assertTrue(database.exists());
        }
    }

    @ExtendWith(TempDatabaseExtension.class)
    static class Failing {
        static TempDatabase seen;

        @Test
        void fails(TempDatabase database) {
            seen = database;
            throw new AssertionError("deliberate failure to see the database kept");
        }
    }
}
