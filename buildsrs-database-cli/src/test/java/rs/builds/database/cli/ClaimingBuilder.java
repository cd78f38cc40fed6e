package rs.builds.database.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.JobInfo;
import rs.builds.database.Metadata;
import rs.builds.database.temp.TempDatabase;

/**
 * A builder set up through the core API, enabled and allowed to build {@link #TARGET} (added and enabled), that
 * claims jobs as the backend does for real builders: the CLI has no command to claim, builders do that through
 * the backend. Tests give jobs stages, logs and artifacts through {@link #metadata()}.
 */
final class ClaimingBuilder implements AutoCloseable {
    static final String TARGET = "x86_64-unknown-linux-gnu";

    private final Metadata metadata;
    private final UUID uuid;

    private ClaimingBuilder(Metadata metadata, UUID uuid) {
        this.metadata = metadata;
        this.uuid = uuid;
    }

    /** Registers a builder with the key, for a new enabled target {@link #TARGET}. Close it before the test ends. */
    static ClaimingBuilder register(TempDatabase database, SshKey key) throws IOException {
        String publicKey = Files.readString(key.publicKey());
        Metadata metadata = Metadata.connect(ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password())
                .withMaxConnections(2));
        UUID uuid = UUID.randomUUID();
        metadata.useTransaction(write -> {
            write.targetAdd(TARGET);
            write.targetSetEnabled(TARGET, true);
            write.builderAdd(uuid, publicKey, "claims in tests");
            write.builderSetEnabled(uuid, true);
            write.builderTargetAdd(uuid, TARGET);
        });
        return new ClaimingBuilder(metadata, uuid);
    }

    Metadata metadata() {
        return metadata;
    }

    UUID uuid() {
        return uuid;
    }

    /** Adds a crate (if new) and versions of it, which queues them for the target. */
    void addVersions(String crate, String... versions) {
        metadata.useTransaction(write -> {
            write.crateAdd(crate);
            for (String version : versions) {
                write.crateVersionAdd(crate, version, checksum(crate + "@" + version), false);
            }
        });
    }

    /** @return the job of the next claim, which must find one (the newest version queued comes first) */
    JobInfo claim() {
        return tryClaim().orElseThrow(() -> new AssertionError("nothing to claim"));
    }

    /** @return the job of the next claim, or empty if there is nothing to claim or the queue is locked */
    Optional<JobInfo> tryClaim() {
        return metadata.inTransaction(write -> write.jobRequest(uuid));
    }

    /** @return a SHA-256 as crates.io writes it, made up from the text */
    static String checksum(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public void close() {
        metadata.close();
    }
}
