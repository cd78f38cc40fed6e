package rs.builds.database.temp;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The objects of schema {@code public} of a migrated database, read from PostgreSQL's catalogs with the server's own
 * deparsing functions ({@code pg_get_functiondef}, {@code pg_get_indexdef}, {@code pg_get_constraintdef},
 * {@code pg_get_triggerdef}, {@code format_type}), which print the same on every major the project supports (13 to
 * 18). Left out, because they vary with the server or the database and say nothing about the schema: owners, OIDs,
 * extension versions and the members of extensions, column compression (V9 asks for lz4 only where the server has
 * it), and Flyway's own {@code flyway_schema_history}. Kinds of objects the schema does not use and this reader
 * cannot show (row security policies, rules, partitioned or foreign tables, range types) fail the read rather than
 * being skipped in silence.
 */
record LiveSchema(List<String> extensions, List<Type> types, List<Sequence> sequences, List<Table> tables,
                  List<Function> functions, List<Trigger> triggers) {
    /** The one table of the migrated database that is Flyway's, not the project's. */
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    /** A grant of one privilege to a role other than the object's owner; {@code PUBLIC} for everyone. */
    record Grant(String grantee, String privilege) {
    }

    /** An enum, domain or composite type. */
    record Type(String name, String definition, String comment) {
    }

    /** A sequence; {@code identityOf} is {@code table.column} for the sequence of an identity column, else null. */
    record Sequence(String name, String definition, String identityOf, String comment, List<Grant> grants) {
    }

    /** A column: its type as {@code format_type} prints it, default, identity ({@code a}, {@code d} or empty). */
    record Column(String name, String type, String defaultValue, boolean notNull, String identity, String generated,
                  String collation, String comment, List<Grant> grants) {
    }

    /**
     * A constraint: kind as in {@code pg_constraint.contype} ({@code p}, {@code u}, {@code x}, {@code c},
     * {@code f}); for a foreign key the referenced table.
     */
    record Constraint(String name, String kind, String definition, List<String> columns, String references,
                      String comment) {
    }

    /** An index that no constraint made. */
    record Index(String name, String definition, String comment) {
    }

    /** A table, view or materialized view ({@code kind}: {@code r}, {@code v}, {@code m}). */
    record Table(String name, String kind, boolean unlogged, boolean rowSecurity, List<String> options,
                 String viewDefinition, String comment, List<Column> columns, List<Constraint> constraints,
                 List<Index> indexes, List<Grant> grants) {
        /** {@return whether this is a table rather than a view} */
        boolean isTable() {
            return kind.equals("r");
        }
    }

    /**
     * A function: {@code definition} is {@code pg_get_functiondef}'s whole {@code CREATE OR REPLACE FUNCTION} with
     * its body and security attributes, {@code source} the body alone; {@code grants} is null while the function
     * has its default rights (everyone may execute it).
     */
    record Function(String name, String arguments, String definition, String source, boolean securityDefiner,
                    String comment, List<Grant> grants) {
        /** {@return the function's signature, {@code name(argument types)}} */
        String signature() {
            return name + "(" + arguments + ")";
        }
    }

    /** A trigger on a table, with the function it runs; {@code enabled} as in {@code pg_trigger.tgenabled}. */
    record Trigger(String name, String table, String definition, String function, String enabled, String comment) {
    }

    /**
     * Reads schema {@code public} of a database.
     *
     * @param connection a connection to the database; its search path is set to {@code public} for the read
     * @return what the schema holds, each kind in a stable order (by name)
     * @throws SQLException if the catalogs cannot be read
     * @throws IllegalStateException if the schema has an object of a kind this reader cannot show
     */
    static LiveSchema read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // the deparsing functions name objects without their schema when it is on the path
            statement.execute("SET search_path = public");
        }
        refuseUnshown(connection);
        return new LiveSchema(extensions(connection), types(connection), sequences(connection), tables(connection),
                functions(connection), triggers(connection));
    }

    /** Objects of schema public that are not members of an extension, and not Flyway's. */
    private static final String OWN_CLASS = "c.relnamespace = 'public'::regnamespace AND c.relname <> '"
            + FLYWAY_HISTORY + "' AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_class'::regclass"
            + " AND e.objid = c.oid AND e.deptype = 'e')";

    private static void refuseUnshown(Connection connection) throws SQLException {
        List<String> unshown = strings(connection, """
                SELECT format('%s %s', CASE c.relkind WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table'
                                                      ELSE 'relation of kind ' || c.relkind::text END, c.relname)
                FROM pg_class c WHERE c.relkind NOT IN ('r', 'v', 'm', 'S', 'i', 'c', 't') AND :own
                 UNION ALL
                SELECT format('row security policy %s on %s', p.polname, c.relname)
                FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE :own
                 UNION ALL
                SELECT format('rule %s on %s', r.rulename, c.relname)
                FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN' AND :own
                 UNION ALL
                SELECT format('aggregate or window function %s', p.proname)
                FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('a', 'w')
                  AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid
                                  AND e.deptype = 'e')
                 UNION ALL
                SELECT format('type %s of kind %s', t.typname, t.typtype)
                FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('r', 'm', 'p')
                  AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid
                                  AND e.deptype = 'e')
                ORDER BY 1""".replace(":own", OWN_CLASS));
        if (!unshown.isEmpty()) {
            throw new IllegalStateException("the schema has objects that LiveSchema cannot show yet: "
                    + String.join(", ", unshown) + "; teach LiveSchema and SchemaSql to read and print them");
        }
    }

    private static List<String> extensions(Connection connection) throws SQLException {
        return strings(connection, "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname");
    }

    private static List<Type> types(Connection connection) throws SQLException {
        return query(connection, """
                SELECT t.typname,
                       CASE t.typtype
                           WHEN 'e' THEN format('CREATE TYPE %I AS ENUM (%s);', t.typname,
                                                (SELECT string_agg(quote_literal(e.enumlabel), ', '
                                                                   ORDER BY e.enumsortorder)
                                                 FROM pg_enum e WHERE e.enumtypid = t.oid))
                           WHEN 'd' THEN format('CREATE DOMAIN %I AS %s%s%s%s;', t.typname,
                                                format_type(t.typbasetype, t.typtypmod),
                                                CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END,
                                                ' DEFAULT ' || t.typdefault,
                                                (SELECT string_agg(format(E'\\n    CONSTRAINT %I %s', c.conname,
                                                                          pg_get_constraintdef(c.oid, true)), ''
                                                                   ORDER BY c.conname)
                                                 FROM pg_constraint c WHERE c.contypid = t.oid))
                           ELSE format(E'CREATE TYPE %I AS (\\n%s\\n);', t.typname,
                                       (SELECT string_agg(format('    %I %s', a.attname,
                                                                 format_type(a.atttypid, a.atttypmod)), E',\\n'
                                                          ORDER BY a.attnum)
                                        FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0
                                          AND NOT a.attisdropped))
                       END,
                       obj_description(t.oid, 'pg_type')
                FROM pg_type t
                WHERE t.typnamespace = 'public'::regnamespace
                  AND (t.typtype IN ('e', 'd')
                       OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
                  AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid
                                  AND e.deptype = 'e')
                ORDER BY t.typname""", row -> new Type(row.getString(1), row.getString(2), row.getString(3)));
    }

    private static List<Sequence> sequences(Connection connection) throws SQLException {
        return query(connection, """
                SELECT c.oid, c.relname,
                       format('CREATE SEQUENCE %I%s%s%s%s%s%s%s;', c.relname,
                              CASE WHEN s.seqtypid <> 'bigint'::regtype
                                   THEN ' AS ' || format_type(s.seqtypid, NULL) END,
                              CASE WHEN s.seqincrement <> 1 THEN ' INCREMENT BY ' || s.seqincrement END,
                              CASE WHEN s.seqmin <> CASE WHEN s.seqincrement > 0 THEN 1 ELSE s.seqmin END
                                   THEN ' MINVALUE ' || s.seqmin END,
                              CASE WHEN s.seqincrement > 0 AND s.seqmax NOT IN (9223372036854775807, 2147483647, 32767)
                                   THEN ' MAXVALUE ' || s.seqmax END,
                              CASE WHEN s.seqstart <> s.seqmin THEN ' START WITH ' || s.seqstart END,
                              CASE WHEN s.seqcache <> 1 THEN ' CACHE ' || s.seqcache END,
                              CASE WHEN s.seqcycle THEN ' CYCLE' END),
                       (SELECT format('%s.%s', t.relname, a.attname)
                        FROM pg_depend d
                        JOIN pg_class t ON t.oid = d.refobjid
                        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('i', 'a')),
                       obj_description(c.oid, 'pg_class')
                FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid
                WHERE c.relkind = 'S' AND :own
                ORDER BY c.relname""".replace(":own", OWN_CLASS),
                row -> new Sequence(row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                        grants(connection, "pg_class", "relacl", "relowner", row.getLong(1))));
    }

    private static List<Table> tables(Connection connection) throws SQLException {
        return query(connection, """
                SELECT c.oid, c.relname, c.relkind, c.relpersistence = 'u', c.relrowsecurity, c.reloptions,
                       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,
                       obj_description(c.oid, 'pg_class')
                FROM pg_class c
                WHERE c.relkind IN ('r', 'v', 'm') AND :own
                ORDER BY c.relname""".replace(":own", OWN_CLASS), row -> {
            long oid = row.getLong(1);
            return new Table(row.getString(2), row.getString(3), row.getBoolean(4), row.getBoolean(5),
                    strings(row.getArray(6)), row.getString(7), row.getString(8), columns(connection, oid),
                    constraints(connection, oid), indexes(connection, oid),
                    grants(connection, "pg_class", "relacl", "relowner", oid));
        });
    }

    private static List<Column> columns(Connection connection, long table) throws SQLException {
        return query(connection, """
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid),
                       a.attnotnull, a.attidentity, a.attgenerated,
                       CASE WHEN a.attcollation <> t.typcollation
                            THEN (SELECT quote_ident(l.collname) FROM pg_collation l WHERE l.oid = a.attcollation) END,
                       col_description(a.attrelid, a.attnum),
                       (SELECT array_agg(coalesce(r.rolname, 'PUBLIC') || ' ' || x.privilege_type
                                         ORDER BY coalesce(r.rolname, 'PUBLIC'), x.privilege_type)
                        FROM aclexplode(a.attacl) x LEFT JOIN pg_roles r ON r.oid = x.grantee
                        WHERE x.grantee <> (SELECT c.relowner FROM pg_class c WHERE c.oid = a.attrelid))
                FROM pg_attribute a
                JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""", row -> {
            List<Grant> grants = new ArrayList<>();
            for (String grant : strings(row.getArray(9))) {
                int space = grant.indexOf(' ');
                grants.add(new Grant(grant.substring(0, space), grant.substring(space + 1)));
            }
            return new Column(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4),
                    row.getString(5), row.getString(6), row.getString(7), row.getString(8), grants);
        }, table);
    }

    private static List<Constraint> constraints(Connection connection, long table) throws SQLException {
        // NOT NULL is shown with its column (PostgreSQL 18 lists it in pg_constraint too, as kind n), and constraint
        // triggers with the triggers (kind t)
        return query(connection, """
                SELECT c.conname, c.contype, pg_get_constraintdef(c.oid, true),
                       (SELECT array_agg(a.attname ORDER BY k.n)
                        FROM unnest(c.conkey) WITH ORDINALITY AS k (attnum, n)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                       (SELECT r.relname FROM pg_class r WHERE r.oid = c.confrelid),
                       obj_description(c.oid, 'pg_constraint')
                FROM pg_constraint c
                WHERE c.conrelid = ? AND c.contype IN ('p', 'u', 'x', 'c', 'f')
                ORDER BY position(c.contype IN 'puxcf'), c.conname""",
                row -> new Constraint(row.getString(1), row.getString(2), row.getString(3), strings(row.getArray(4)),
                        row.getString(5), row.getString(6)), table);
    }

    private static List<Index> indexes(Connection connection, long table) throws SQLException {
        return query(connection, """
                SELECT x.relname, pg_get_indexdef(i.indexrelid, 0, true), obj_description(i.indexrelid, 'pg_class')
                FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
                WHERE i.indrelid = ?
                  AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid
                                  AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
                ORDER BY x.relname""", row -> new Index(row.getString(1), row.getString(2), row.getString(3)), table);
    }

    private static List<Function> functions(Connection connection) throws SQLException {
        return query(connection, """
                SELECT p.oid, p.proname, pg_get_function_identity_arguments(p.oid), pg_get_functiondef(p.oid),
                       p.prosrc, p.prosecdef, obj_description(p.oid, 'pg_proc'), p.proacl IS NULL
                FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace
                  AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid
                                  AND e.deptype = 'e')
                ORDER BY p.proname, 3""", row -> new Function(row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getBoolean(6), row.getString(7),
                row.getBoolean(8) ? null : grants(connection, "pg_proc", "proacl", "proowner", row.getLong(1))));
    }

    private static List<Trigger> triggers(Connection connection) throws SQLException {
        return query(connection, """
                SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid, true), p.proname, t.tgenabled,
                       obj_description(t.oid, 'pg_trigger')
                FROM pg_trigger t
                JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_proc p ON p.oid = t.tgfoid
                WHERE NOT t.tgisinternal AND :own
                ORDER BY c.relname, t.tgname""".replace(":own", OWN_CLASS), row -> new Trigger(row.getString(1),
                row.getString(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6)));
    }

    /** Privileges granted on an object to roles other than its owner, by grantee, then privilege. */
    private static List<Grant> grants(Connection connection, String catalog, String acl, String owner, long oid)
            throws SQLException {
        return query(connection, String.format("""
                SELECT coalesce(r.rolname, 'PUBLIC'), x.privilege_type
                FROM %1$s o, aclexplode(o.%2$s) x
                LEFT JOIN pg_roles r ON r.oid = x.grantee
                WHERE o.oid = ? AND x.grantee <> o.%3$s
                ORDER BY 1, 2""", catalog, acl, owner), row -> new Grant(row.getString(1), row.getString(2)), oid);
    }

    /** Maps one row of a result. */
    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** The rows of a query, each mapped; its parameters, if any, are OIDs. */
    private static <T> List<T> query(Connection connection, String sql, Row<T> mapper, long... oids)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < oids.length; i++) {
                query.setLong(i + 1, oids[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(mapper.map(row));
                }
            }
        }
        return rows;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        return query(connection, sql, row -> row.getString(1));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
