package rs.builds.database.internal;

import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import rs.builds.database.CrateInfo;
import rs.builds.database.DatabaseException;
import rs.builds.database.NotFoundException;
import rs.builds.database.ReadHandle;

/** {@link ReadHandle} over one Jdbi handle in auto-commit mode. */
public class JdbiReadHandle implements ReadHandle {
    /** The Jdbi handle, holding one connection. */
    protected final Handle handle;
    private final CrateDao crates;
    private boolean closed;

    JdbiReadHandle(Handle handle) {
        this.handle = handle;
        this.crates = handle.attach(CrateDao.class);
    }

    @Override
    public CrateInfo crateInfo(String name) {
        return run("reading crate '" + name + "'", () -> crates.crateInfo(Inputs.name("crate name", name))
                .orElseThrow(() -> new NotFoundException("crate", name)));
    }

    /** The crate DAO, for subclasses. */
    protected CrateDao crates() {
        return crates;
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
