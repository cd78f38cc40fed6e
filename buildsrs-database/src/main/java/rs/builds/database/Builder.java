package rs.builds.database;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A registered builder.
 *
 * @param uuid the builder's identifier
 * @param publicKey its SSH public key in canonical OpenSSH form, {@code "TYPE BASE64"}
 * @param comment free text for admins; empty if none
 * @param enabled whether it may take jobs
 * @param heartbeat when it was last heard from, or {@code null} if never
 * @param targets names of the targets it may build, sorted
 */
public record Builder(UUID uuid, String publicKey, String comment, boolean enabled, Instant heartbeat,
                      List<String> targets) {
    /**
     * Copies the target list, so the record is immutable.
     *
     * @param uuid the builder's identifier
     * @param publicKey its SSH public key in canonical OpenSSH form
     * @param comment free text for admins; empty if none
     * @param enabled whether it may take jobs
     * @param heartbeat when it was last heard from, or {@code null} if never
     * @param targets names of the targets it may build, sorted
     * @throws NullPointerException if {@code uuid}, {@code publicKey}, {@code comment} or {@code targets} is
     *     {@code null}
     */
    public Builder {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(comment, "comment");
        targets = List.copyOf(targets);
    }
}
