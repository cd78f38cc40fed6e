package rs.builds.database;

/**
 * One version as the crates.io index lists it, for {@link WriteHandle#sync}.
 *
 * @param crate crate name, by {@link Names}' rule (as the index spells it)
 * @param version version string, SemVer 2.0 by {@link Names}' rule
 * @param checksum SHA-256 of the crate file, 64 lowercase hex digits
 * @param yanked whether it is yanked
 */
public record IndexEntry(String crate, String version, String checksum, boolean yanked) {
}
