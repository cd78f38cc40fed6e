package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What sql/README.md's map says writes and reads a table: the keywords, not the words around them. */
class SqlUsesTest {
    private static final Set<String> TABLES = Set.of("jobs", "job_queue", "crates", "crate_versions", "targets");
    private static final Set<String> FUNCTIONS = Set.of("job_claim", "crate_name_canonical");

    private static SqlUses uses(String sql) {
        return SqlUses.of(sql, TABLES, FUNCTIONS);
    }

    @Test
    void writesAreInsertUpdateDeleteTruncateAndCopyFrom() {
        assertEquals(Set.of("jobs", "job_queue", "crates", "targets", "crate_versions"), uses("""
                INSERT INTO jobs (id) VALUES (1);
                UPDATE ONLY job_queue q SET state = 'queued';
                DELETE FROM crates WHERE id = 1;
                TRUNCATE TABLE targets;
                COPY crate_versions (crate, version) FROM STDIN""").writes());
    }

    @Test
    void readsAreFromJoinAndUsingWithTheirLists() {
        SqlUses uses = uses("""
                DELETE FROM jobs j USING crates c
                WHERE j.id IN (SELECT v.id FROM crate_versions v, targets AS t JOIN job_queue q ON true)""");
        assertEquals(Set.of("jobs"), uses.writes());
        assertEquals(Set.of("crates", "crate_versions", "targets", "job_queue"), uses.reads());
    }

    @Test
    void lockingClausesUpsertsCommentsAndStringsAreNotTables() {
        SqlUses uses = uses("""
                -- UPDATE crates, DELETE FROM targets: a comment
                /* INSERT INTO targets */
                WITH jobs AS (SELECT 'FROM crate_versions' AS text)
                INSERT INTO job_queue SELECT * FROM jobs
                ON CONFLICT (crate_version, target) DO UPDATE SET state = 'queued'
                RETURNING (SELECT 1 FROM targets FOR UPDATE SKIP LOCKED)""");
        assertEquals(Set.of("job_queue"), uses.writes());
        // a CTE named like a table counts as the table: the map lists one reader too many, never one too few
        assertEquals(Set.of("jobs", "targets"), uses.reads());
    }

    @Test
    void callsAreKnownFunctionsBeforeAParenthesis() {
        assertEquals(Set.of("job_claim", "crate_name_canonical"),
                uses("SELECT * FROM job_claim(?) WHERE crate_name_canonical(name) = lower(x) AND job_claim IS NULL")
                        .calls());
    }
}
