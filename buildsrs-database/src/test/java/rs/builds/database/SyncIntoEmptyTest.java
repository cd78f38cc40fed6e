package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.SyncDigestTest.LARGER_THAN_A_GROUP;
import static rs.builds.database.SyncDigestTest.digests;
import static rs.builds.database.SyncTest.sum;
import static rs.builds.database.SyncTest.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.migrations.Roles;
import rs.builds.database.temp.TempDatabase;

/**
 * A large sync into empty tables loads them directly and builds their indexes after (V11__sync_into_empty_tables.sql,
 * SyncIntoEmpty). What it leaves must be what the online sync leaves, table by table; it must be all or nothing; it
 * must leave the tables to the online sync when they are in use; and writers arriving meanwhile wait and then work.
 */
@ExtendWith(MetadataExtension.class)
class SyncIntoEmptyTest {
    /** More rows than a sync reads ahead (SyncPrefix.ROWS is 32,768): smaller inputs take the online path. */
    static final int LARGE = 40_000;
    /** A row past what the sync reads ahead: it is then loading the tables. */
    static final int HALF_WAY = 38_000;

    /**
     * A large input with what makes a sync interesting: crates of 1 to 12 versions, some yanked, a crate listed in
     * two groups apart, one too large for the client to hold, names and versions in every case, ordered differently by bytes and by a locale.
     */
    static List<IndexEntry> input() {
        List<IndexEntry> rows = new ArrayList<>();
        rows.add(new IndexEntry("Mixed_Case-name", "1.0.0+build.7-x", sum(1), false));
        // byte order ("C") puts upper case before lower case, and '-' before letters; a locale's order does not
        rows.add(new IndexEntry("awkward-versions", "1.0.0-beta", sum(2), true));
        rows.add(new IndexEntry("awkward-versions", "1.0.0", sum(3), false));
        rows.add(new IndexEntry("awkward-versions", "1.0.0-Beta", sum(4), false));
        rows.add(new IndexEntry("awkward-versions", "1.0.0--a", sum(5), false));
        IntStream.range(0, LARGER_THAN_A_GROUP).forEach(v -> rows.add(new IndexEntry("big", "0.0." + (v * 7919 % 10_007),
                sum(100_000 + v), v % 13 == 0)));
        for (int c = 0; rows.size() < LARGE; c++) {
            for (int v = 0; v <= c % 12 && rows.size() < LARGE; v++) {
                rows.add(new IndexEntry("c" + c, "1." + (11 - v) + ".0", sum(c * 100 + v), (c + v) % 17 == 0));
            }
        }
        rows.add(new IndexEntry("c5", "9.0.0", sum(99), false)); // c5 again, apart from its other rows
        return rows;
    }

    @Test
    void leavesWhatTheOnlineSyncLeavesTableByTable(Metadata metadata, TempDatabase database) throws Exception {
        try (TempDatabase online = TempDatabase.create(); Metadata onlineMetadata = MetadataExtension.connect(online, 4)) {
            for (Metadata each : List.of(metadata, onlineMetadata)) {
                QueueFixture.targets(each, QueueFixture.LINUX, QueueFixture.ARM);
                each.useTransaction(write -> {
                    write.targetSetEnabled(QueueFixture.ARM, false);
                });
            }
            String before = schema(database);
            long indexBefore = indexOid(database);
            SyncSummary direct = sync(metadata, input(), SyncOptions.completeIndex());
            assertNotEquals(indexBefore, indexOid(database), "loaded directly: its indexes were built again");

            SyncSummary compared;
            long onlineIndex = indexOid(online);
            try (Connection reader = online.dataSource().getConnection(); Statement statement = reader.createStatement()) {
                reader.setAutoCommit(false);
                statement.executeQuery("SELECT count(*) FROM crates").close(); // a reader in a transaction: in use
                compared = sync(onlineMetadata, input(), SyncOptions.completeIndex());
                reader.commit();
            }
            assertEquals(onlineIndex, indexOid(online), "the tables were in use: the online sync ran");

            assertEquals(compared, direct);
            assertEquals(new SyncSummary(LARGE + 1, direct.cratesAdded(), LARGE + 1, 0, 0, 0, 0, List.of(), 0,
                    List.of(), 0, List.of()), direct);
            assertEquals(before, schema(database), "every constraint, index and trigger as it was");
            assertEquals(schema(online), schema(database));
            Map<String, List<String>> tables = tables(database);
            assertSameTables(tables(online), tables);
            assertTrue(tables.get("job_queue").size() > LARGE, "each version queued for the enabled target");
            assertEquals(digests(online).size(), digests(database).size());
            assertFalse(digests(database).containsKey("c5"), "no digest for a crate listed in two groups");
            assertFalse(digests(database).containsKey("big"), "nor for one too large to hold");

            // the digests stored say the same: a resync trusting them skips what the online one skips
            assertEquals(sync(onlineMetadata, input(), SyncOptions.completeIndex()),
                    sync(metadata, input(), SyncOptions.completeIndex()));
            try (ReadHandle read = metadata.read(); ReadHandle other = onlineMetadata.read()) {
                assertEquals(other.crateVersions("awkward-versions"), read.crateVersions("awkward-versions"), "versions in id order");
                assertEquals(other.crateList("c1"), read.crateList("c1"), "the trigram index searches alike");
            }
        }
    }

    @Tag("contract")
    @Test
    void aSyncKilledHalfWayLeavesTheTablesEmptyAndAsTheyWere(Metadata metadata, TempDatabase database)
            throws Exception {
        String before = schema(database);
        List<IndexEntry> rows = input();
        Iterator<IndexEntry> killing = IntStream.range(0, rows.size()).mapToObj(i -> {
            if (i == HALF_WAY) {
                SyncTest.terminateOtherBackends(database);
            }
            return rows.get(i);
        }).iterator();
        assertThrows(DatabaseUnavailableException.class,
                () -> metadata.inTransaction(write -> write.sync(killing, SyncOptions.completeIndex())));
        assertEmptyAsBefore(database, before);

        Thread.sleep(600); // see SyncTest.syncKilledHalfWayLeavesNothingAndARerunConverges
        List<IndexEntry> bad = new ArrayList<>(rows);
        bad.set(HALF_WAY, new IndexEntry("c1", "1.0.0", "bad", false));
        InvalidInputException malformed = assertThrows(InvalidInputException.class,
                () -> sync(metadata, bad, SyncOptions.completeIndex()));
        assertTrue(malformed.getMessage().startsWith("sync row " + HALF_WAY + " "), malformed.getMessage());
        assertEmptyAsBefore(database, before);

        List<IndexEntry> twice = new ArrayList<>(rows);
        twice.add(new IndexEntry("big", "0.0.0", sum(7), false)); // in the group too large to hold, and apart
        assertEquals("the input lists crate 'big' version '0.0.0' more than once", assertThrows(
                InvalidInputException.class, () -> sync(metadata, twice, SyncOptions.completeIndex())).getMessage());
        assertEmptyAsBefore(database, before);

        long indexBefore = indexOid(database);
        assertEquals(LARGE + 1, sync(metadata, rows, SyncOptions.completeIndex()).versionsAdded(), "a rerun works");
        assertNotEquals(indexBefore, indexOid(database), "and loads the tables directly");
    }

    @Tag("contract")
    @Test
    void aWriterArrivingWhileItRunsWaitsThenWritesAsUsual(Metadata metadata, TempDatabase database) throws Exception {
        QueueFixture.targets(metadata, QueueFixture.LINUX);
        List<IndexEntry> rows = input();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Iterator<IndexEntry> slow = SyncDigestTest.pausingAt(rows, HALF_WAY, loading, release);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<SyncSummary> running = executor.submit(
                    () -> metadata.inTransaction(write -> write.sync(slow, SyncOptions.completeIndex())));
            assertTrue(loading.await(1, TimeUnit.MINUTES));
            Future<?> writer = executor.submit(() -> metadata.useTransaction(write -> {
                write.crateVersionAdd("c1", "7.0.0", sum(7), false);
            }));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (waitingForALock(database) == 0) {
                assertTrue(System.nanoTime() < deadline, "the writer never waited for the sync");
                Thread.sleep(20);
            }
            assertFalse(writer.isDone());
            release.countDown();
            assertEquals(LARGE + 1, running.get(1, TimeUnit.MINUTES).versionsAdded());
            writer.get(1, TimeUnit.MINUTES);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        assertFalse(digests(database).containsKey("c1"), "the writer's trigger deleted c1's digest");
        assertTrue(digests(database).containsKey("c2"));
        assertEquals(List.of(String.valueOf(LARGE + 2)), query(database, "SELECT count(*) FROM job_queue"),
                "the sync's versions and the writer's are queued");
        assertEquals(List.of(new VersionKey("c1", "7.0.0")),
                sync(metadata, rows, SyncOptions.completeIndex()).missingVersionExamples());
    }

    @Tag("contract")
    @Test
    void aTransactionThatStartsALoadCannotCommitWithoutFinishingIt(TempDatabase database) throws Exception {
        String before = schema(database);
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            var started = statement.executeQuery("SELECT sync_bulk_start()");
            started.next();
            assertEquals("{0,0}", started.getString(1), "empty tables, nothing numbered yet");
            assertNotEquals(before, schemaOn(connection), "its indexes are gone meanwhile");
            SQLException refused = assertThrows(SQLException.class, connection::commit);
            assertTrue(refused.getMessage().contains("call sync_bulk_finish() before commit"), refused.getMessage());
        }
        assertEmptyAsBefore(database, before);
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SELECT sync_bulk_start()");
            statement.execute("INSERT INTO crate_versions (crate, version, checksum) VALUES (42, '1.0.0', 'x')");
            SQLException orphan = assertThrows(SQLException.class,
                    () -> statement.execute("SELECT sync_bulk_finish()"));
            assertEquals("23503", orphan.getSQLState(), "a version without its crate: " + orphan.getMessage());
        }
        assertEmptyAsBefore(database, before);
    }

    @Tag("contract")
    @Test
    void theRegistrySyncRoleMayLoadEmptyTables(TempDatabase database) {
        Roles.apply(database.dataSource());
        long indexBefore = indexOid(database);
        try (Metadata sync = Metadata.open(new RoleDataSource(database.dataSource(), Roles.REGISTRY_SYNC))) {
            assertEquals(LARGE + 1, sync.inTransaction(write -> write.sync(input().iterator(),
                    SyncOptions.completeIndex())).versionsAdded());
        }
        assertNotEquals(indexBefore, indexOid(database));
    }

    @Test
    void aSmallInputOrALaterSyncTakesTheOnlinePath(Metadata metadata, TempDatabase database) {
        long indexBefore = indexOid(database);
        sync(metadata, input().subList(0, 1000), SyncOptions.partial());
        assertEquals(indexBefore, indexOid(database), "a small input: not worth rebuilding indexes");
        sync(metadata, input(), SyncOptions.completeIndex());
        assertEquals(indexBefore, indexOid(database), "tables not empty");
    }

    /** Table by table, naming the first rows that differ. */
    private static void assertSameTables(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String table : expected.keySet()) {
            List<String> missing = new ArrayList<>(expected.get(table));
            missing.removeAll(actual.get(table));
            List<String> extra = new ArrayList<>(actual.get(table));
            extra.removeAll(expected.get(table));
            assertTrue(missing.isEmpty() && extra.isEmpty() && expected.get(table).equals(actual.get(table)),
                    table + ": only online " + missing.subList(0, Math.min(10, missing.size())) + ", only loaded"
                            + " directly " + extra.subList(0, Math.min(10, extra.size())));
        }
    }

    private static void assertEmptyAsBefore(TempDatabase database, String schema) {
        assertEquals(schema, schema(database), "every constraint, index and trigger as it was");
        assertEquals(Map.of(), digests(database));
        Map<String, List<String>> tables = tables(database);
        for (String table : List.of("crates", "crate_versions", "crate_sync_digests", "job_queue", "sync_bulk_loads")) {
            assertEquals(List.of(), tables.get(table), table);
        }
    }

    private static long waitingForALock(TempDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery("SELECT count(*) FROM pg_locks l"
                     + " WHERE NOT l.granted AND l.relation IN ('crates'::regclass, 'crate_versions'::regclass)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The oid of crates' name index: new when the indexes were built again. */
    private static long indexOid(TempDatabase database) {
        return Long.parseLong(query(database, "SELECT 'crates_name_key'::regclass::oid").get(0));
    }

    /** Every constraint, index and trigger of the schema, by name, with its definition and state. */
    private static String schema(TempDatabase database) {
        try (Connection connection = database.dataSource().getConnection()) {
            return schemaOn(connection);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String schemaOn(Connection connection) throws SQLException {
        StringBuilder schema = new StringBuilder();
        try (var rows = connection.createStatement().executeQuery(
                "SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
                        + " || ' ' || condeferrable || convalidated || coalesce(obj_description(oid, 'pg_constraint'), '')"
                        + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                        + " UNION ALL SELECT 'index ' || pg_get_indexdef(indexrelid)"
                        + " || coalesce(obj_description(indexrelid, 'pg_class'), '') FROM pg_index i"
                        + " JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace"
                        + " UNION ALL SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text"
                        + " FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1")) {
            while (rows.next()) {
                schema.append(rows.getString(1)).append('\n');
            }
        }
        return schema.toString();
    }

    /**
     * The rows of every table, sorted; surrogate ids of crates and versions replaced by names (crates are numbered in
     * input order here, in a hash's order online), with each version's place among its crate's versions by id, except
     * in a crate too large for the client to hold (numbered in input order here, in byte order online).
     */
    private static Map<String, List<String>> tables(TempDatabase database) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : query(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                + " AND tablename NOT LIKE 'flyway%' ORDER BY 1")) {
            String rows = switch (table) {
                case "crates" -> "SELECT name || ' ' || enabled || ' ' || priority FROM crates";
                case "crate_versions" -> "SELECT c.name || ' ' || v.version || ' ' || v.checksum || ' ' || v.yanked"
                        // (the versions of a crate too large for the client to hold are numbered as they come)
                        + " || ' #' || CASE WHEN count(*) OVER (PARTITION BY v.crate) < " + LARGER_THAN_A_GROUP
                        + " THEN row_number() OVER (PARTITION BY v.crate ORDER BY v.id) END"
                        + " FROM crate_versions v JOIN crates c ON c.id = v.crate";
                case "crate_sync_digests" -> "SELECT c.name || ' ' || encode(d.digest, 'hex')"
                        + " FROM crate_sync_digests d JOIN crates c ON c.id = d.crate";
                case "job_queue" -> "SELECT c.name || ' ' || v.version || ' ' || t.name || ' ' || q.state || ' '"
                        + " || q.active || ' ' || q.priority || ' ' || q.attempts || ' ' || q.not_before"
                        + " FROM job_queue q JOIN crate_versions v ON v.id = q.crate_version"
                        + " JOIN crates c ON c.id = v.crate JOIN targets t ON t.id = q.target";
                case "job_queue_generation_due" -> "SELECT count(*)::text FROM job_queue_generation_due";
                default -> "SELECT t::text FROM " + table + " t";
            };
            tables.put(table, query(database, "SELECT r FROM (" + rows + ") rows (r) ORDER BY 1"));
        }
        tables.put("sequences", query(database, "SELECT sequencename || ' ' || coalesce(last_value, 0)"
                + " FROM pg_sequences WHERE sequencename IN ('crates_id_seq', 'crate_versions_id_seq') ORDER BY 1"));
        return tables;
    }

    private static List<String> query(TempDatabase database, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
        return values;
    }
}
