package rs.builds.database;

/**
 * A version offered with a checksum other than the one stored, which a sync never overwrites.
 *
 * @param crate crate name
 * @param version version string
 * @param stored the checksum stored
 * @param offered the checksum in the input
 */
public record ChecksumConflict(String crate, String version, String stored, String offered) {
    @Override
    public String toString() {
        return "crate '" + crate + "' version '" + version + "': stored " + stored + ", offered " + offered;
    }
}
