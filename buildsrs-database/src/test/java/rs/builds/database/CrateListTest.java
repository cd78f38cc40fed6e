package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;

@ExtendWith(MetadataExtension.class)
class CrateListTest {
    private static final List<String> NAMES = List.of("serde", "serde_json", "serde_derive", "serde-yaml", "sered",
            "tokio", "tokio-util", "tokyo", "rand", "rand_core", "safe_100", "a_b", "axb");

    @BeforeEach
    void addCrates(Metadata metadata) {
        metadata.useTransaction(write -> {
            NAMES.forEach(write::crateAdd);
        });
    }

    private static List<String> names(List<CrateInfo> crates) {
        return crates.stream().map(CrateInfo::name).toList();
    }

    @Test
    void pagesCountAndEveryCrateStreamed(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            List<String> byName = names(read.crateList("", 100));
            assertEquals(NAMES.stream().sorted().toList(), byName);
            assertEquals(byName.subList(3, 7), names(read.crateList("", 4, 3)));
            assertEquals(List.of(), read.crateList("", 4, 100));
            assertEquals(NAMES.size(), read.crateCount(""));
            List<String> each = new ArrayList<>();
            read.crateListEach("", crate -> each.add(crate.name()));
            assertEquals(byName, each);

            // a search pages through its own order: best match first
            List<String> serde = names(read.crateList("serde", 100));
            assertEquals(serde.subList(1, 3), names(read.crateList("serde", 2, 1)));
            assertEquals(serde.size(), read.crateCount("serde"));
            List<String> eachSerde = new ArrayList<>();
            read.crateListEach("serde", crate -> eachSerde.add(crate.name()));
            assertEquals(serde, eachSerde);
            assertThrows(InvalidInputException.class, () -> read.crateList("", 10, -1));
        }
    }

    @Test
    void exactMatchRanksFirst(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            List<String> found = names(read.crateList("serde"));
            assertEquals("serde", found.get(0));
            assertTrue(found.containsAll(List.of("serde_json", "serde_derive", "serde-yaml")), found.toString());
            assertTrue(!found.contains("tokio"), found.toString());
        }
    }

    @Test
    void misspellingFindsTheCrate(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            assertTrue(names(read.crateList("tokoi")).contains("tokio"), read.crateList("tokoi").toString());
        }
    }

    @Test
    void weakMatchesAreListedOnlyWhenNothingStrongMatches(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            // 'tokyo' is 0.33 similar to 'tokio': a misspelling's kind of similar, so it waits for an empty result
            assertEquals(List.of("tokio", "tokio-util"), names(read.crateList("tokio")));
            assertEquals(List.of("tokyo"), names(read.crateList("tokyoo")), "tokyo is 0.63 similar, tokio only 0.3");
            assertEquals(List.of("tokio", "tokyo"), names(read.crateList("tokoi")), "nothing strong: the weak ones");
        }
    }

    @Test
    void searchIgnoresAndKeepsTheCallersThreshold(TempDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET pg_trgm.similarity_threshold = 0.9");
            var found = statement.executeQuery("SELECT name FROM crate_search('tokoi', '%tokoi%', 50)");
            assertTrue(found.next(), "found nothing");
            assertEquals("tokio", found.getString(1));
            var threshold = statement.executeQuery("SHOW pg_trgm.similarity_threshold");
            threshold.next();
            assertEquals("0.9", threshold.getString(1), "the caller's threshold, in the caller's transaction");
            connection.rollback();
        }
    }

    @Test
    void firstSearchOfANewSessionUsesItsOwnThreshold(TempDatabase database) throws Exception {
        // pg_trgm is not loaded yet in a new session: the function's SET must still reach the search
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             var statement = connection.createStatement();
             var found = statement.executeQuery("SELECT name FROM crate_search('tokyoo', '%tokyoo%', 50)")) {
            List<String> names = new ArrayList<>();
            while (found.next()) {
                names.add(found.getString(1));
            }
            assertEquals(List.of("tokyo"), names, "tokio is only 0.3 similar");
        }
    }

    @Test
    void substringAndWildcardCharactersAreLiteral(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            // as wildcards, '%' would match safe_100 ("fe", anything, "1"); literally nothing has it
            assertEquals(List.of(), names(read.crateList("fe%1")));
            assertEquals(List.of("safe_100"), names(read.crateList("fe_1")));
            assertEquals(List.of("a_b"), names(read.crateList("a_b")), "'_' must not match any character");
        }
    }

    @Test
    void limitAndEmptyQuery(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of("a_b", "axb", "rand"), names(read.crateList("", 3)));
            assertEquals(2, read.crateList("serde", 2).size());
            assertThrows(InvalidInputException.class, () -> read.crateList("serde", 0));
            assertThrows(InvalidInputException.class, () -> read.crateList("serde", 10_001));
        }
    }

    @Test
    void searchUsesTheTrigramIndex(TempDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             var statement = connection.createStatement()) {
            // enough rows for the planner to prefer the index (it does at crates.io's quarter million too);
            // the index is rebuilt after the load because one bulk build is much faster than 100k inserts into it
            statement.execute("DROP INDEX crates_name_trgm");
            statement.execute("INSERT INTO crates (name) SELECT 'crate-' || md5(g::text) FROM generate_series(1, 100000) g");
            statement.execute("CREATE INDEX crates_name_trgm ON crates USING gin (name gin_trgm_ops)");
            statement.execute("ANALYZE crates");
            var plan = statement.executeQuery("EXPLAIN SELECT name FROM crates WHERE name % 'serde' OR name ILIKE '%serde%'");
            StringBuilder text = new StringBuilder();
            while (plan.next()) {
                text.append(plan.getString(1)).append('\n');
            }
            assertTrue(text.toString().contains("crates_name_trgm"), text.toString());
        }
    }
}
