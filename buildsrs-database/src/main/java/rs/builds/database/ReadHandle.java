package rs.builds.database;

/**
 * Reads from the metadata database. Holds one pooled connection until closed; use it from one thread at a
 * time. Every method throws {@link DatabaseUnavailableException} if the database cannot be reached and
 * {@link InvalidInputException} for a null, empty or otherwise malformed argument.
 */
public interface ReadHandle extends AutoCloseable {
    /**
     * Looks up a crate by exact name.
     *
     * @param name crate name
     * @return the crate
     * @throws NotFoundException if no crate has that name
     */
    CrateInfo crateInfo(String name);

    /** Returns the connection to the pool. Closing twice does nothing. */
    @Override
    void close();
}
