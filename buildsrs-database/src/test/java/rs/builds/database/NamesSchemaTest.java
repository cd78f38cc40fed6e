package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;

/**
 * The schema's rules (V10__names.sql) are {@link Names}': each CHECK holds the Java regular expression character for
 * character and, evaluated by PostgreSQL, accepts exactly what the Java check accepts, on NamesTest's table and on
 * generated values; a write that bypasses the API is refused; crate names are unique ignoring case and '-'/'_'.
 */
@ExtendWith(MetadataExtension.class)
class NamesSchemaTest {
    private record Rule(String table, String column, String constraint, String regex, Predicate<String> java,
                        List<String> good, List<String> bad) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("crates", "name", "crates_name_rule", Names.CRATE_NAME_REGEX, Names::isCrateName,
                    NamesTest.GOOD_CRATES, NamesTest.BAD_CRATES),
            new Rule("crate_versions", "version", "crate_versions_version_rule", Names.VERSION_REGEX, Names::isVersion,
                    NamesTest.GOOD_VERSIONS, NamesTest.BAD_VERSIONS),
            new Rule("targets", "name", "targets_name_rule", Names.TARGET_NAME_REGEX, Names::isTargetName,
                    NamesTest.GOOD_TARGETS, NamesTest.BAD_TARGETS));

    @Test
    void eachCheckHoldsTheJavaExpressionAndAgreesWithJava(TempDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            for (Rule rule : RULES) {
                String definition = constraint(connection, rule.constraint());
                assertTrue(definition.contains("'" + rule.regex() + "'"), rule.constraint() + " is " + definition
                        + ", without Names' expression " + rule.regex());
                List<String> values = new ArrayList<>(rule.good());
                values.addAll(rule.bad());
                values.addAll(NamesTest.generated(rule.constraint().hashCode(), 3000));
                values.removeIf(value -> value.indexOf('\0') >= 0); // PostgreSQL text cannot hold NUL at all
                Map<String, Boolean> byDatabase = evaluate(connection, rule, values);
                int accepted = 0;
                for (String value : values) {
                    assertEquals(rule.java().test(value), byDatabase.get(value), rule.constraint() + " on '" + value + "'");
                    accepted += byDatabase.get(value) ? 1 : 0;
                }
                assertTrue(accepted >= rule.good().size(), rule.constraint() + " accepted " + accepted);
            }
        }
    }

    @Test
    void writesThatBypassTheApiAreRefusedByTheChecks(TempDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            assertEquals("23514", refused(sql, "INSERT INTO targets (name) VALUES (' x86_64-unknown-linux-gnu')"));
            assertEquals("23514", refused(sql, "INSERT INTO targets (name) VALUES (E'a\\nb')"));
            assertEquals("23514", refused(sql, "INSERT INTO targets (name) VALUES ('x86_64 unknown linux')"));
            assertEquals("23514", refused(sql, "INSERT INTO crates (name) VALUES ('my crate')"));
            sql.execute("INSERT INTO crates (name) VALUES ('serde'), ('serde_json')");
            assertEquals("23505", refused(sql, "INSERT INTO crates (name) VALUES ('Serde')"));
            assertEquals("23505", refused(sql, "INSERT INTO crates (name) VALUES ('serde-json')"));
            assertEquals("23514", refused(sql, "INSERT INTO crate_versions (crate, version, checksum)"
                    + " SELECT id, '1.0', repeat('a', 64) FROM crates WHERE name = 'serde'"));
            sql.execute("INSERT INTO targets (name) VALUES ('x86_64-unknown-linux-gnu')");
            assertEquals("23514", refused(sql, "UPDATE targets SET name = 'X86_64-unknown-linux-gnu'"));
            try (ResultSet rows = sql.executeQuery("SELECT (SELECT count(*) FROM crates), (SELECT count(*) FROM"
                    + " crate_versions), (SELECT string_agg(name, ',') FROM targets)")) {
                rows.next();
                assertEquals(2, rows.getLong(1));
                assertEquals(0, rows.getLong(2));
                assertEquals("x86_64-unknown-linux-gnu", rows.getString(3));
            }
        }
    }

    @Test
    void lookupsByNameUseTheCanonicalIndex(TempDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO crates (name) SELECT 'crate-' || g FROM generate_series(1, 5000) g");
            sql.execute("ANALYZE crates");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = sql.executeQuery("EXPLAIN SELECT id FROM crates"
                    + " WHERE crate_name_canonical(name) = crate_name_canonical('Crate_17')")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertTrue(plan.toString().contains("crates_name_canonical"), plan.toString());
        }
    }

    private static String constraint(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ? AND convalidated")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "no validated constraint " + name);
                return rows.getString(1);
            }
        }
    }

    /** @return what the constraint's own expression says of each value (put in its column) */
    private static Map<String, Boolean> evaluate(Connection connection, Rule rule, List<String> values)
            throws SQLException {
        String expression;
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_get_expr(conbin, conrelid)"
                + " FROM pg_constraint WHERE conname = ?")) {
            query.setString(1, rule.constraint());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                expression = rows.getString(1);
            }
        }
        Map<String, Boolean> result = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + rule.column() + ", " + expression
                + " FROM unnest(?::text[]) AS " + rule.column())) {
            Array array = connection.createArrayOf("text", values.toArray());
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.put(rows.getString(1), rows.getBoolean(2));
                }
            }
        }
        return result;
    }

    private static String refused(Statement sql, String statement) {
        return assertThrows(SQLException.class, () -> sql.execute(statement), statement).getSQLState();
    }
}
