package rs.builds.database.internal;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import rs.builds.database.IndexEntry;

/**
 * Streams a sync's input into one COPY: the calling thread reads the input, a second one (for a large input) checks
 * and groups it ({@link SyncGrouper}) and sends what the subclass makes of each group (see {@link SyncHandoff}). A
 * row of a group too large to hold is sent as it comes.
 */
abstract class SyncSender implements SyncHandoff.Consumer<IndexEntry>, SyncGrouper.Groups {
    /** Where the rows go. */
    final CopyStream copy;
    /** What the input held, once it is sent. */
    final SyncGrouper grouper = new SyncGrouper(this);

    SyncSender(CopyStream copy) {
        this.copy = copy;
    }

    /**
     * Sends the rows through a COPY.
     *
     * @param copySql the COPY statement (see {@link CopyStream#open})
     * @param handOff whether to read the input on a second thread ({@link SyncHandoff}): worth it for a large input;
     *        a few rows already in memory are sent sooner by the calling thread alone
     * @param sender makes the sender for the COPY
     * @return the sender, done
     */
    static <S extends SyncSender> S send(Handle handle, String copySql, Iterator<IndexEntry> rows, boolean handOff,
                                         Function<CopyStream, S> sender) {
        S sending = null;
        try (CopyStream copy = CopyStream.open(handle, copySql)) {
            sending = sender.apply(copy);
            if (handOff) {
                SyncHandoff.run(rows, sending);
            } else {
                SyncHandoff.runHere(rows, sending);
            }
            return sending;
        } catch (SQLException e) {
            throw Errors.translate("streaming the sync input (row " + (sending == null ? 0 : sending.grouper.rows())
                    + ")", e);
        }
    }

    /** Sends a row of the input. */
    abstract void send(IndexEntry row);

    @Override
    public final void accept(IndexEntry row) throws SQLException {
        grouper.add(row);
        copy.sendIfFull();
    }

    @Override
    public final void finish() throws SQLException {
        grouper.finish();
        copy.end();
    }

    @Override
    public void start(String crate) {
    }

    @Override
    public final void overflow(IndexEntry row) {
        send(row);
    }
}
