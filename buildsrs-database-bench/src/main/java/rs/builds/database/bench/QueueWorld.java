package rs.builds.database.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.Metadata;
import rs.builds.database.temp.TempDatabase;

/**
 * A temp database filled for queue benchmarks: two enabled targets, crates with versions (so every version is
 * queued twice) and enabled builders allowed both targets. Closing it drops the database.
 */
final class QueueWorld implements AutoCloseable {
    static final String[] TARGETS = {"x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu"};
    private static final int CRATES_PER_STATEMENT = 25_000;

    final TempDatabase database;
    final Metadata metadata;
    final List<UUID> builders = new ArrayList<>();

    private QueueWorld(TempDatabase database, Metadata metadata) {
        this.database = database;
        this.metadata = metadata;
    }

    /**
     * @param versions versions to create (8 per crate)
     * @param builderCount builders to register
     * @param connections pool size
     */
    static QueueWorld create(int versions, int builderCount, int connections) throws SQLException {
        TempDatabase database = TempDatabase.create();
        Metadata metadata = Metadata.connect(ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(connections));
        QueueWorld world = new QueueWorld(database, metadata);
        metadata.useTransaction(write -> {
            for (String target : TARGETS) {
                write.targetAdd(target);
                write.targetSetEnabled(target, true);
            }
        });
        int crates = Math.max(1, versions / 8);
        try (Connection connection = database.dataSource().getConnection()) {
            for (int first = 1; first <= crates; first += CRATES_PER_STATEMENT) {
                int last = Math.min(crates, first + CRATES_PER_STATEMENT - 1);
                BenchSql.execute(connection, "addCrates", first, last);
            }
            // a fresh database: the crates got ids 1 to crates
            for (long first = 1; first <= crates; first += CRATES_PER_STATEMENT) {
                long last = Math.min(crates, first + CRATES_PER_STATEMENT - 1);
                BenchSql.execute(connection, "addVersions", 8, first, last);
            }
            BenchSql.execute(connection, "analyze");
        }
        for (int i = 0; i < builderCount; i++) {
            UUID builder = UUID.randomUUID();
            String key = BenchKeys.ed25519();
            metadata.useTransaction(write -> {
                write.builderAdd(builder, key, "bench");
                write.builderSetEnabled(builder, true);
                for (String target : TARGETS) {
                    write.builderTargetAdd(builder, target);
                }
            });
            world.builders.add(builder);
        }
        return world;
    }

    String serverVersion() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.prepareStatement(BenchSql.load("serverVersion")).executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() {
        metadata.close();
        database.close();
    }
}
