package rs.builds.database;

import java.util.UUID;

/**
 * One write transaction. Nothing it writes is visible to other handles until {@link #commit()}; it sees
 * its own uncommitted writes through the {@link ReadHandle} methods. {@link #close()} without
 * {@code commit()} rolls back. Use from one thread at a time.
 *
 * <p><b>A failed operation rolls back the whole transaction</b> (PostgreSQL aborts it on any error): after
 * any method throws, the handle only accepts {@link #close()}, and later calls throw
 * {@link IllegalStateException}. So a failing call never leaves part of its work, or of the transaction's, behind.
 */
public interface WriteHandle extends ReadHandle {
    /**
     * Adds a crate, enabled; does nothing if it exists already.
     *
     * @param name crate name
     */
    void crateAdd(String name);

    /**
     * Adds a version of a crate, or updates its yanked flag if it exists with the same checksum.
     *
     * @param name crate name
     * @param version version string
     * @param checksum SHA-256 of the crate file, 64 lowercase hex digits
     * @param yanked whether it is yanked
     * @throws NotFoundException if the crate does not exist
     * @throws ConflictException naming crate and version if the version exists with another checksum
     */
    void crateVersionAdd(String name, String version, String checksum, boolean yanked);

    /**
     * Enables or disables building a crate's versions.
     *
     * @param name crate name
     * @param enabled the new state
     * @throws NotFoundException if the crate does not exist
     */
    void crateSetEnabled(String name, boolean enabled);

    /**
     * Registers a builder, disabled, with no targets.
     *
     * @param uuid the builder's identifier
     * @param publicKey its OpenSSH public key line ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256/384/521}
     *        or {@code ssh-rsa}); a trailing comment is ignored
     * @param comment free text for admins; may be empty
     * @throws InvalidInputException if the key is malformed (or is a private key)
     * @throws ConflictException if the uuid is taken or the key already belongs to a builder
     */
    void builderAdd(UUID uuid, String publicKey, String comment);

    /**
     * @param uuid the builder's identifier
     * @param enabled whether it may take jobs
     * @throws NotFoundException if there is no such builder
     */
    void builderSetEnabled(UUID uuid, boolean enabled);

    /**
     * @param uuid the builder's identifier
     * @param comment free text for admins; may be empty
     * @throws NotFoundException if there is no such builder
     */
    void builderSetComment(UUID uuid, String comment);

    /**
     * Allows a builder to build a target; does nothing if it already may.
     *
     * @param uuid the builder's identifier
     * @param target the target's name
     * @throws NotFoundException naming the builder or the target, whichever does not exist
     */
    void builderTargetAdd(UUID uuid, String target);

    /**
     * Stops a builder from building a target; does nothing if it could not.
     *
     * @param uuid the builder's identifier
     * @param target the target's name
     * @throws NotFoundException naming the builder or the target, whichever does not exist
     */
    void builderTargetRemove(UUID uuid, String target);

    /**
     * Removes a builder, its target assignments and its key.
     *
     * @param uuid the builder's identifier
     * @throws NotFoundException if there is no such builder
     * @throws ConflictException if it has jobs (their history must stay): disable it instead
     */
    void builderRemove(UUID uuid);

    /**
     * Adds a target, disabled.
     *
     * @param name the target's name
     * @throws ConflictException if it exists
     */
    void targetAdd(String name);

    /**
     * Removes a target and its builder assignments.
     *
     * @param name the target's name
     * @throws NotFoundException if there is no such target
     * @throws ConflictException if it has jobs (their history must stay): disable it instead
     */
    void targetRemove(String name);

    /**
     * @param name the target's name
     * @param enabled whether jobs are created for it
     * @throws NotFoundException if there is no such target
     */
    void targetSetEnabled(String name, boolean enabled);

    /**
     * Renames a target, keeping its builder assignments and jobs.
     *
     * @param name the current name
     * @param newName the new name
     * @throws NotFoundException if there is no target {@code name}
     * @throws ConflictException if a target {@code newName} exists
     */
    void targetRename(String name, String newName);

    /**
     * Makes this transaction's writes durable and visible, and ends it; the handle can then only be closed.
     *
     * @throws TransientConflictException if a concurrent transaction conflicted; nothing was committed
     */
    void commit();

    /** Discards this transaction's writes and ends it; the handle can then only be closed. */
    void rollback();

    /** Rolls back unless committed, and returns the connection to the pool. Closing twice does nothing. */
    @Override
    void close();
}
