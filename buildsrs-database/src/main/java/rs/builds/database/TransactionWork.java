package rs.builds.database;

/**
 * A unit of work for {@link Metadata#inTransaction}: may run more than once, so it must not have effects
 * outside the transaction it is given.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface TransactionWork<T> {
    /**
     * {@return the result}
     *
     * @param write the transaction; committed after this returns unless the work committed it already
     */
    T run(WriteHandle write);
}
