package rs.builds.database;

/**
 * A version of a crate.
 *
 * @param crate the crate's name
 * @param version the version, as published
 * @param checksum SHA-256 of the crate file, 64 lowercase hex digits; never changes
 * @param yanked whether it was yanked from crates.io
 */
public record VersionInfo(String crate, String version, String checksum, boolean yanked) {
}
