package rs.builds.database.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import rs.builds.database.ArtifactInfo;
import rs.builds.database.Builder;
import rs.builds.database.CrateInfo;
import rs.builds.database.DailyDownloads;
import rs.builds.database.DatabaseException;
import rs.builds.database.JobFilter;
import rs.builds.database.JobInfo;
import rs.builds.database.JobLogLine;
import rs.builds.database.MetadataCounts;
import rs.builds.database.QueueSettings;
import rs.builds.database.QueueStats;
import rs.builds.database.ReadHandle;
import rs.builds.database.TargetInfo;
import rs.builds.database.VersionInfo;

/**
 * {@link ReadHandle} over one Jdbi handle: runs each operation of the stores, translating database errors
 * into the API's exceptions.
 */
public class JdbiReadHandle implements ReadHandle {
    /** Longest heartbeat window of {@link #counts}: a longer one means a typo. */
    private static final Duration SEEN_WITHIN_MAX = Duration.ofDays(365);

    /** The Jdbi handle, holding one connection. */
    protected final Handle handle;
    // made on first use: attaching a DAO costs a proxy, and most handles use one or two stores
    private CrateStore crates;
    private TargetStore targets;
    private BuilderStore builders;
    private JobStore jobs;
    private ArtifactStore artifacts;
    private QueueDao queue;
    private SyncStore sync;
    private boolean closed;

    private final AtomicInteger open;

    JdbiReadHandle(Handle handle, AtomicInteger open) {
        this.handle = handle;
        this.open = open;
    }

    /**
     * Asks the server whether this handle's connection still works (one round trip).
     *
     * @return {@code false} if it was closed or broken
     */
    boolean connectionAlive() {
        try {
            return handle.getConnection().isValid(1);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** @return crate and version operations */
    protected CrateStore crates() {
        if (crates == null) {
            crates = new CrateStore(handle);
        }
        return crates;
    }

    /** @return target operations */
    protected TargetStore targets() {
        if (targets == null) {
            targets = new TargetStore(handle);
        }
        return targets;
    }

    /** @return builder operations */
    protected BuilderStore builders() {
        if (builders == null) {
            builders = new BuilderStore(handle, targets());
        }
        return builders;
    }

    /** @return job operations */
    protected JobStore jobs() {
        if (jobs == null) {
            jobs = new JobStore(handle);
        }
        return jobs;
    }

    /** @return artifact operations */
    protected ArtifactStore artifacts() {
        if (artifacts == null) {
            artifacts = new ArtifactStore(handle, jobs());
        }
        return artifacts;
    }

    /** @return bulk sync */
    protected SyncStore sync() {
        if (sync == null) {
            sync = new SyncStore(handle);
        }
        return sync;
    }

    /** @return the queue's state and settings: nothing to check on their way, so no store */
    protected QueueDao queue() {
        if (queue == null) {
            queue = handle.attach(QueueDao.class);
        }
        return queue;
    }

    @Override
    public UUID builderLookup(String fingerprint) {
        return run("looking up a builder by fingerprint", () -> builders().lookup(fingerprint));
    }

    @Override
    public UUID builderLookupByKey(String publicKey) {
        return run("looking up a builder by public key", () -> builders().lookupByKey(publicKey));
    }

    @Override
    public Builder builderGet(UUID uuid) {
        return run("reading builder " + uuid, () -> builders().get(uuid));
    }

    @Override
    public List<Builder> builderList() {
        return run("listing builders", builders()::list);
    }

    @Override
    public List<String> builderTargets(UUID uuid) {
        return run("reading the targets of builder " + uuid, () -> builders().targets(uuid));
    }

    @Override
    public List<TargetInfo> targetList() {
        return run("listing targets", targets()::list);
    }

    @Override
    public TargetInfo targetInfo(String name) {
        return run("reading target '" + name + "'", () -> targets().info(name));
    }

    @Override
    public List<CrateInfo> crateList(String query, int limit, int offset) {
        return run("searching crates", () -> crates().list(query, limit, offset));
    }

    @Override
    public long crateCount(String query) {
        return run("counting crates", () -> crates().count(query));
    }

    @Override
    public void crateListEach(String query, Consumer<CrateInfo> each) {
        runVoid("listing crates", () -> crates().each(query, each));
    }

    @Override
    public CrateInfo crateInfo(String name) {
        return run("reading crate '" + name + "'", () -> crates().info(name));
    }

    @Override
    public List<VersionInfo> crateVersions(String name) {
        return run("reading the versions of crate '" + name + "'", () -> crates().versions(name));
    }

    @Override
    public VersionInfo crateVersionInfo(String name, String version) {
        return run("reading crate '" + name + "' version '" + version + "'", () -> crates().versionInfo(name, version));
    }

    @Override
    public JobInfo jobInfo(UUID job) {
        return run("reading job " + job, () -> jobs().info(job));
    }

    @Override
    public List<JobInfo> jobList(JobFilter filter) {
        return run("listing jobs", () -> jobs().list(filter));
    }

    @Override
    public long jobLogs(UUID job, Consumer<JobLogLine> each) {
        // the driver streams a result only inside a transaction; a write handle is in one already
        return run("reading the log of job " + job, () -> handle.isInTransaction() ? jobs().logs(job, each)
                : handle.inTransaction(h -> jobs().logs(job, each)));
    }

    @Override
    public List<ArtifactInfo> jobArtifacts(UUID job) {
        return run("reading the artifacts of job " + job, () -> artifacts().list(job));
    }

    @Override
    public List<DailyDownloads> artifactDownloads(long artifact, LocalDate from, LocalDate to) {
        return run("reading downloads of artifact " + artifact, () -> artifacts().downloads(artifact, from, to));
    }

    @Override
    public QueueStats queueStats() {
        return run("reading queue statistics",
                () -> new QueueStats(queue().queueSettings().locked(), queue().queueStats()));
    }

    @Override
    public MetadataCounts counts(Duration seenWithin) {
        return run("counting", () -> handle.attach(MetadataDao.class)
                .metadataCounts(Inputs.duration("the heartbeat window", seenWithin, SEEN_WITHIN_MAX).toMillis()));
    }

    @Override
    public Optional<String> schemaVersion() {
        return run("reading the schema version", () -> {
            SchemaDao schema = handle.attach(SchemaDao.class);
            return schema.schemaHistoryExists() ? schema.schemaVersion() : Optional.<String>empty();
        });
    }

    @Override
    public QueueSettings queueSettings() {
        return run("reading queue settings", queue()::queueSettings);
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
        } catch (RuntimeException e) {
            // e.g. the caller's sync iterator threw mid-COPY: the server has aborted the transaction too
            failed(new DatabaseException(operation + " failed: " + e, e));
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
            open.decrementAndGet();
            try {
                handle.close();
            } catch (JdbiException e) {
                // the connection broke (Jdbi cannot even ask it whether a transaction is open): the pool discards
                // it, and there is nothing of a closed handle's to save
            }
        }
    }
}
