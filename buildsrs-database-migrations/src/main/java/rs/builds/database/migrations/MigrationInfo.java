package rs.builds.database.migrations;

import java.time.Instant;
import java.util.Objects;

/**
 * One versioned migration and its state in a database.
 *
 * @param version the migration's version, e.g. {@code "1"}
 * @param description what the migration does, from its file name
 * @param state where it stands
 * @param detail Flyway's own name for the state, for display
 * @param installedOn when it was applied, or {@code null} if it was not
 */
public record MigrationInfo(String version, String description, MigrationState state, String detail,
                            Instant installedOn) {
    /**
     * Checks that the components a migration always has are present.
     *
     * @param version the migration's version, e.g. {@code "1"}
     * @param description what the migration does, from its file name
     * @param state where it stands
     * @param detail Flyway's own name for the state, for display
     * @param installedOn when it was applied, or {@code null} if it was not
     * @throws NullPointerException if {@code version}, {@code description}, {@code state} or {@code detail} is
     *     {@code null}
     */
    public MigrationInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }
}
