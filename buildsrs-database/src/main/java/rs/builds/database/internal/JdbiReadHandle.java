package rs.builds.database.internal;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import rs.builds.database.Builder;
import rs.builds.database.CrateInfo;
import rs.builds.database.DatabaseException;
import rs.builds.database.ReadHandle;
import rs.builds.database.TargetInfo;
import rs.builds.database.VersionInfo;

/**
 * {@link ReadHandle} over one Jdbi handle: runs each operation of the stores, translating database errors
 * into the API's exceptions.
 */
public class JdbiReadHandle implements ReadHandle {
    /** The Jdbi handle, holding one connection. */
    protected final Handle handle;
    /** Crate and version operations. */
    protected final CrateStore crates;
    /** Target operations. */
    protected final TargetStore targets;
    /** Builder operations. */
    protected final BuilderStore builders;
    private boolean closed;

    JdbiReadHandle(Handle handle) {
        this.handle = handle;
        this.crates = new CrateStore(handle);
        this.targets = new TargetStore(handle);
        this.builders = new BuilderStore(handle, targets);
    }

    @Override
    public UUID builderLookup(String fingerprint) {
        return run("looking up a builder by fingerprint", () -> builders.lookup(fingerprint));
    }

    @Override
    public UUID builderLookupByKey(String publicKey) {
        return run("looking up a builder by public key", () -> builders.lookupByKey(publicKey));
    }

    @Override
    public Builder builderGet(UUID uuid) {
        return run("reading builder " + uuid, () -> builders.get(uuid));
    }

    @Override
    public List<Builder> builderList() {
        return run("listing builders", builders::list);
    }

    @Override
    public List<String> builderTargets(UUID uuid) {
        return run("reading the targets of builder " + uuid, () -> builders.targets(uuid));
    }

    @Override
    public List<TargetInfo> targetList() {
        return run("listing targets", targets::list);
    }

    @Override
    public TargetInfo targetInfo(String name) {
        return run("reading target '" + name + "'", () -> targets.info(name));
    }

    @Override
    public List<CrateInfo> crateList(String query, int limit) {
        return run("searching crates", () -> crates.list(query, limit));
    }

    @Override
    public CrateInfo crateInfo(String name) {
        return run("reading crate '" + name + "'", () -> crates.info(name));
    }

    @Override
    public List<VersionInfo> crateVersions(String name) {
        return run("reading the versions of crate '" + name + "'", () -> crates.versions(name));
    }

    @Override
    public VersionInfo crateVersionInfo(String name, String version) {
        return run("reading crate '" + name + "' version '" + version + "'", () -> crates.versionInfo(name, version));
    }

    /**
     * Runs one operation of this handle, translating database errors into the API's exceptions.
     *
     * @param operation what is being done, for error messages
     * @param work the operation
     * @param <T> its result type
     * @return its result
     */
    protected <T> T run(String operation, Supplier<T> work) {
        checkUsable();
        try {
            return work.get();
        } catch (JdbiException e) {
            DatabaseException translated = Errors.translate(operation, e);
            failed(translated);
            throw translated;
        } catch (DatabaseException e) {
            failed(e);
            throw e;
        }
    }

    /** Runs an operation without a result; see {@link #run(String, Supplier)}. */
    protected void runVoid(String operation, Runnable work) {
        run(operation, () -> {
            work.run();
            return null;
        });
    }

    /** Called when an operation failed, before the error is thrown. Read handles have nothing to undo. */
    protected void failed(DatabaseException error) {
    }

    /** @throws IllegalStateException if the handle can no longer be used */
    protected void checkUsable() {
        if (closed) {
            throw new IllegalStateException("this handle is closed; open a new one from Metadata");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            handle.close();
        }
    }
}
