package rs.builds.database;

/**
 * Names a crate version.
 *
 * @param crate crate name
 * @param version version string
 */
public record VersionKey(String crate, String version) {
    @Override
    public String toString() {
        return crate + " " + version;
    }
}
