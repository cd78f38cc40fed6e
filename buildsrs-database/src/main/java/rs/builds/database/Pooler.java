package rs.builds.database;

import java.util.Locale;

/**
 * What sits between the library and PostgreSQL, as far as session state is concerned. Set it with
 * {@link ConnectionConfig#withPooler(Pooler)} (option {@code --database-postgres-pooler}).
 */
public enum Pooler {
    /** A direct connection to PostgreSQL (the default). */
    NONE,
    /**
     * A pooler in session mode (PgBouncer {@code pool_mode = session}): a client keeps one server connection until it
     * disconnects, so the library behaves as with {@link #NONE}.
     */
    SESSION,
    /**
     * A pooler in transaction mode (PgBouncer {@code pool_mode = transaction}): each transaction may run on another
     * server connection, shared with other clients. The library then uses no server-side prepared statements
     * ({@code prepareThreshold=0}) and keeps no state in the session between transactions; the queue listener needs a
     * direct connection of its own ({@link ConnectionConfig#withListenUrl(String)}), since the pooler drops
     * {@code LISTEN}.
     */
    TRANSACTION;

    /**
     * Reads a pooler mode as the options spell it: {@code none}, {@code session} or {@code transaction}, in any case.
     *
     * @param word the mode
     * @return the pooler mode
     * @throws InvalidInputException naming the accepted words if {@code word} is none of them
     */
    public static Pooler parse(String word) {
        if (word != null) {
            for (Pooler pooler : values()) {
                if (pooler.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
                    return pooler;
                }
            }
        }
        if (word == null) {
            throw new InvalidInputException("no pooler mode given; expected none, session or transaction");
        }
        String shown = word.length() <= 40 ? "'" + word + "'" : "'" + word.substring(0, 20) + "…' (" + word.length()
                + " characters)";
        throw new InvalidInputException("unknown pooler mode " + shown + "; expected none, session or transaction");
    }

    /** {@return the mode as the options spell it: {@code none}, {@code session} or {@code transaction}} */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
