package rs.builds.database;

/**
 * A crate as stored.
 *
 * @param name the crate's name, as published on crates.io
 * @param enabled whether its versions are built
 * @param priority its build priority, set by {@link WriteHandle#crateSetPriority(String, int)}: versions of crates
 *        with a higher priority are claimed first; 0 by default, negative sinks below the backfill
 */
public record CrateInfo(String name, boolean enabled, int priority) {
}
