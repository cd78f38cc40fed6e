package rs.builds.database.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import rs.builds.database.ChecksumConflictException;
import rs.builds.database.DatabaseException;
import rs.builds.database.IndexEntry;
import rs.builds.database.Metadata;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;

/**
 * The registry sync: every few seconds a partial sync of the crates that changed (new versions, yanks, unyanks, now
 * and then a changed checksum, which a lenient sync must skip and report and a strict one must refuse whole), and
 * one complete resync once the run is half over. What it sees breaking a rule is kept for the report.
 */
final class SoakSync extends SoakActor {
    private final Metadata sync;
    private final SoakRegistry registry;
    private final long completeAt;
    private boolean completeDone;
    private long checked;
    private final List<String> broken = new ArrayList<>();

    SoakSync(Metadata sync, SoakRegistry registry, long completeAtMillis, SoakStats stats, AtomicBoolean stopping,
             long seed) {
        super("sync", stats, stopping, seed);
        this.sync = sync;
        this.registry = registry;
        this.completeAt = completeAtMillis;
    }

    @Override
    void step() throws InterruptedException {
        pause(1_000 + random.nextInt(3_000));
        if (stopping()) {
            return;
        }
        if (!completeDone && System.currentTimeMillis() >= completeAt) {
            complete();
            return;
        }
        boolean strict = random.nextInt(6) == 0;
        SoakRegistry.Partial partial = registry.change(random, 2 + random.nextInt(6), strict || random.nextInt(3) == 0);
        SyncOptions options = strict ? SyncOptions.partial() : SyncOptions.partial().lenient();
        String operation = strict && partial.changedChecksums() > 0 ? "partial sync, strict, a checksum changed"
                : "partial sync";
        try {
            SyncSummary summary = sync.inTransaction(write -> write.sync(partial.rows().iterator(), options));
            stats.count(operation);
            stats.count("sync rows", partial.rows().size());
            checked++;
            if (summary.rejected() != (strict ? 0 : partial.changedChecksums())) {
                broken.add("a partial sync sending " + partial.changedChecksums() + " changed checksum(s) rejected "
                        + summary.rejected());
            } else if (strict && partial.changedChecksums() > 0) {
                broken.add("a strict sync with a changed checksum committed: " + summary);
            } else {
                registry.stored(partial.crates());
            }
        } catch (ChecksumConflictException e) {
            checked++;
            if (strict && partial.changedChecksums() > 0) {
                stats.count(operation + ": refused as it must be");
            } else {
                broken.add("a sync without a changed checksum was refused: " + e.getMessage());
            }
        } catch (DatabaseException e) {
            stats.error(operation, e);
        }
    }

    private void complete() {
        List<IndexEntry> rows = registry.all();
        try {
            SyncSummary summary = sync.inTransaction(write -> write.sync(rows.iterator(), SyncOptions.completeIndex()));
            completeDone = true;
            checked++;
            stats.count("complete resync");
            stats.count("sync rows", rows.size());
            if (summary.missingCrates() != 0 || summary.missingVersions() != 0 || summary.rejected() != 0) {
                broken.add("the complete resync found stored crates or versions the registry never had: " + summary);
            }
            registry.allStored();
        } catch (ChecksumConflictException e) {
            completeDone = true;
            broken.add("the complete resync, which changes no checksum, was refused: " + e.getMessage());
        } catch (DatabaseException e) {
            stats.error("complete resync", e); // a fault: tried again at the next round
        }
    }

    /** @return what the sync saw of its own rules: every changed checksum refused, strict syncs refused whole */
    SoakCheck check() {
        if (!completeDone) {
            broken.add("the complete resync never committed");
        }
        return new SoakCheck("the sync refused every changed checksum and the complete resync committed", checked,
                broken.size(), broken);
    }
}
