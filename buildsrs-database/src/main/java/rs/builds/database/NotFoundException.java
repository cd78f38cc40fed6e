package rs.builds.database;

/** An entity named by the caller does not exist; {@link #entity()} and {@link #key()} say which. */
public class NotFoundException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /** The kind of entity, e.g. {@code "crate"}. */
    private final String entity;
    /** How the caller named it, e.g. {@code "serde"}. */
    private final String key;

    /**
     * An entity that does not exist.
     *
     * @param entity kind of entity, e.g. {@code "crate"}
     * @param key how the caller named it, e.g. {@code "serde"}
     */
    public NotFoundException(String entity, String key) {
        super(entity + " '" + key + "' does not exist", null);
        this.entity = entity;
        this.key = key;
    }

    /** {@return kind of entity that was not found, e.g. {@code "crate"}} */
    public String entity() {
        return entity;
    }

    /** {@return the name or id the caller gave} */
    public String key() {
        return key;
    }
}
