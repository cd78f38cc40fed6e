package rs.builds.database;

/**
 * A build target.
 *
 * @param name the target's name, e.g. {@code x86_64-unknown-linux-gnu}
 * @param enabled whether jobs are created for it
 */
public record TargetInfo(String name, boolean enabled) {
}
