package rs.builds.database.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import rs.builds.database.DatabaseException;
import rs.builds.database.WriteHandle;

/** {@link WriteHandle} over one Jdbi handle holding one open transaction. */
public final class JdbiWriteHandle extends JdbiReadHandle implements WriteHandle {
    private enum State { OPEN, COMMITTED, ROLLED_BACK, FAILED }

    private State state = State.OPEN;
    private DatabaseException failure;

    JdbiWriteHandle(Handle handle) {
        super(handle);
        handle.begin();
    }

    @Override
    public void crateAdd(String name) {
        runVoid("adding crate '" + name + "'", () -> crates().crateAdd(Inputs.name("crate name", name)));
    }

    @Override
    public void commit() {
        runVoid("committing", () -> {
            handle.commit();
            state = State.COMMITTED;
        });
    }

    @Override
    public void rollback() {
        checkUsable();
        rollbackQuietly();
        state = State.ROLLED_BACK;
    }

    @Override
    protected void failed(DatabaseException error) {
        // PostgreSQL aborts the transaction on any error; end it now so the rule is simply
        // "a failed operation rolls back the whole transaction".
        rollbackQuietly();
        state = State.FAILED;
        failure = error;
    }

    @Override
    protected void checkUsable() {
        super.checkUsable();
        switch (state) {
            case OPEN -> { }
            case COMMITTED -> throw new IllegalStateException(
                    "this write handle was committed; open a new one with Metadata.write()");
            case ROLLED_BACK -> throw new IllegalStateException(
                    "this write handle was rolled back; open a new one with Metadata.write()");
            case FAILED -> throw new IllegalStateException("this write handle's transaction was rolled back after"
                    + " an error (" + failure.getMessage() + "); open a new one with Metadata.write()", failure);
        }
    }

    @Override
    public void close() {
        if (state == State.OPEN) {
            rollbackQuietly();
            state = State.ROLLED_BACK;
        }
        super.close();
    }

    private void rollbackQuietly() {
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
        } catch (JdbiException e) {
            // the connection is already gone, and the server discards the transaction with it
        }
    }
}
