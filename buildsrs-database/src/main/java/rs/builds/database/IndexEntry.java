package rs.builds.database;

/**
 * One version as the crates.io index lists it, for {@link WriteHandle#sync}.
 *
 * @param crate crate name
 * @param version version string
 * @param checksum SHA-256 of the crate file, 64 lowercase hex digits
 * @param yanked whether it is yanked
 */
public record IndexEntry(String crate, String version, String checksum, boolean yanked) {
}
