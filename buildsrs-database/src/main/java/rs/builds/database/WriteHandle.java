package rs.builds.database;

/**
 * One write transaction. Nothing it writes is visible to other handles until {@link #commit()}; it sees
 * its own uncommitted writes through the {@link ReadHandle} methods. {@link #close()} without
 * {@code commit()} rolls back. After a failed write the transaction is rolled back and the handle can only be
 * closed. Use from one thread at a time.
 */
public interface WriteHandle extends ReadHandle {
    /**
     * Adds a crate, enabled; does nothing if it exists already.
     *
     * @param name crate name
     */
    void crateAdd(String name);

    /**
     * Makes this transaction's writes durable and visible, and ends it; the handle can then only be closed.
     *
     * @throws ConflictException if a concurrent transaction's writes conflict with this one's
     */
    void commit();

    /** Discards this transaction's writes and ends it; the handle can then only be closed. */
    void rollback();

    /** Rolls back unless committed, and returns the connection to the pool. Closing twice does nothing. */
    @Override
    void close();
}
