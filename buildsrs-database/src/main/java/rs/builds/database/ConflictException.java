package rs.builds.database;

/**
 * The operation contradicts what is stored: a duplicate, a changed checksum, an illegal state change.
 * Nothing was changed by the failing operation. {@link #reason()}, {@link #entity()} and {@link #key()} say what
 * conflicted, so that callers need not parse the message.
 */
public class ConflictException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /** What kind of conflict it is. */
    public enum Reason {
        /** Something of that name exists already (for a crate: one of that name but for case and '-'/'_'). */
        EXISTS,
        /** It has jobs, whose history must stay, so it cannot be removed: disable it instead. */
        HAS_JOBS,
        /** The job has finished, and a finished job cannot change. */
        JOB_FINISHED,
        /** The job is at that stage or a later one already: stages only move forward. */
        STAGE_PASSED,
        /** The builder is disabled, so it takes no jobs. */
        BUILDER_DISABLED,
        /** A job is building the pair now. */
        BUILDING,
        /** A version's checksum differs from the one stored ({@link ChecksumConflictException}). */
        CHECKSUM_CHANGED,
        /** A concurrent transaction conflicted; running the transaction again may succeed
         *  ({@link TransientConflictException}). */
        CONCURRENT,
        /** A constraint of the schema refused the data: {@link #entity()} is the table, {@link #key()} the
         *  constraint, when the server names them. */
        CONSTRAINT
    }

    /** What kind of conflict it is. */
    private final Reason reason;
    /** The kind of entity, e.g. {@code "target"}. */
    private final String entity;
    /** How the caller named it, e.g. {@code "x86_64-unknown-linux-gnu"}. */
    private final String key;

    /**
     * A conflict with what is stored.
     *
     * @param reason what kind of conflict
     * @param entity kind of entity that conflicts, e.g. {@code "target"}
     * @param key how the caller named it, e.g. {@code "x86_64-unknown-linux-gnu"}; {@code null} if no one thing is
     *        named
     * @param message what conflicts with what, for a person
     * @param cause the underlying error, or {@code null}
     */
    public ConflictException(Reason reason, String entity, String key, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.entity = entity;
        this.key = key;
    }

    /** {@return what kind of conflict it is} */
    public Reason reason() {
        return reason;
    }

    /**
     * {@return kind of entity that conflicts: {@code "crate"}, {@code "version of crate 'serde'"}, {@code "target"},
     * {@code "builder"}, {@code "builder key"}, {@code "job"}, {@code "artifact of job <uuid>"}, {@code "pair"} (a
     * version and a target), {@code "transaction"} for a {@link Reason#CONCURRENT} conflict, or a table's name for a
     * {@link Reason#CONSTRAINT} one}
     */
    public String entity() {
        return entity;
    }

    /**
     * {@return the name or id the caller gave: a crate name, version, target name, uuid, key fingerprint (SHA256:...),
     * artifact name, or for a pair {@code "crate version target"}; for a {@link Reason#CONSTRAINT} conflict the
     * constraint's name; {@code null} where no one thing is named (a {@link Reason#CONCURRENT} conflict, or a
     * constraint the server did not name)}
     */
    public String key() {
        return key;
    }
}
