package rs.builds.database;

/** Transaction isolation level of a {@link WriteHandle}; PostgreSQL's levels. */
public enum Isolation {
    /** Each statement sees what was committed before it started (PostgreSQL's default). */
    READ_COMMITTED,
    /** The transaction sees one snapshot; a conflicting concurrent update fails it. */
    REPEATABLE_READ,
    /** As if transactions ran one at a time; a possible anomaly fails one of them. */
    SERIALIZABLE
}
