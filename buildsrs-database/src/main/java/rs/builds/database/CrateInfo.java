package rs.builds.database;

/**
 * A crate as stored.
 *
 * @param name the crate's name, as published on crates.io
 * @param enabled whether its versions are built
 */
public record CrateInfo(String name, boolean enabled) {
}
