package rs.builds.database;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads from the metadata database. Holds one pooled connection until closed; use it from one thread at a
 * time. Every method throws {@link InvalidInputException} for a null, empty or malformed argument (before
 * touching the database) and {@link DatabaseUnavailableException} if the database cannot be reached.
 */
public interface ReadHandle extends AutoCloseable {
    /** Default number of results of {@link #crateList(String)}. */
    int CRATE_LIST_LIMIT = 50;

    /**
     * Finds the builder whose public key has a fingerprint.
     *
     * @param fingerprint as {@code ssh-keygen -l} prints it, {@code SHA256:...} or {@code SHA512:...}
     * @return the builder's identifier
     * @throws NotFoundException if no builder's key has that fingerprint
     */
    UUID builderLookup(String fingerprint);

    /**
     * Finds the builder registered with a public key.
     *
     * @param publicKey an OpenSSH public key line, e.g. the contents of a {@code .pub} file; the comment is ignored
     * @return the builder's identifier
     * @throws InvalidInputException if the key is malformed
     * @throws NotFoundException if no builder has that key
     */
    UUID builderLookupByKey(String publicKey);

    /**
     * {@return the builder, with its targets}
     *
     * @param uuid the builder's identifier
     * @throws NotFoundException if there is no such builder
     */
    Builder builderGet(UUID uuid);

    /** {@return every builder, in order of registration} */
    List<Builder> builderList();

    /**
     * {@return names of the targets the builder may build, sorted}
     *
     * @param uuid the builder's identifier
     * @throws NotFoundException if there is no such builder
     */
    List<String> builderTargets(UUID uuid);

    /** {@return every target, sorted by name} */
    List<TargetInfo> targetList();

    /**
     * {@return the target}
     *
     * @param name the target's name
     * @throws NotFoundException if there is no such target
     */
    TargetInfo targetInfo(String name);

    /**
     * Searches crates by name, best matches first, at most {@value #CRATE_LIST_LIMIT}; see
     * {@link #crateList(String, int)}.
     *
     * @param query part of a crate name, or (mis)spelling of one; empty lists crates by name
     * @return matching crates: an exact match first, then by trigram similarity, then by name
     */
    default List<CrateInfo> crateList(String query) {
        return crateList(query, CRATE_LIST_LIMIT);
    }

    /**
     * Searches crates by name, best matches first.
     *
     * <p>Matches are names containing the query (case-insensitive) and names whose trigram similarity to it is at
     * least 0.5. Only when there are none does the search widen to similarity 0.3, so a misspelling such as
     * {@code tokoi} still finds {@code tokio}, while {@code tokio} does not list the weakly similar {@code tokyo}.
     * The session's {@code pg_trgm.similarity_threshold} is neither used nor changed.
     *
     * @param query part of a crate name, or (mis)spelling of one; empty lists crates by name
     * @param limit most results to return, 1 to 10000
     * @return matching crates: an exact match first, then by trigram similarity, then by name
     */
    default List<CrateInfo> crateList(String query, int limit) {
        return crateList(query, limit, 0);
    }

    /**
     * One page of {@link #crateList(String, int)}'s results: the {@code limit} after the first {@code offset}.
     *
     * @param query part of a crate name, or (mis)spelling of one; empty lists crates by name
     * @param limit most results to return, 1 to 10000
     * @param offset results to skip, 0 to 1,000,000,000
     * @return matching crates, in the order of {@link #crateList(String, int)}
     */
    List<CrateInfo> crateList(String query, int limit, int offset);

    /**
     * Counts what {@link #crateList(String, int, int)} pages through, e.g. to say "50 of 20,000 shown".
     *
     * @param query part of a crate name, or (mis)spelling of one; empty counts every crate
     * @return how many crates match
     */
    long crateCount(String query);

    /**
     * Every result of {@link #crateList(String, int)}, in its order and without a limit, streamed from the server so
     * memory does not grow with the number of crates (every crate of crates.io, for an empty query).
     *
     * @param query part of a crate name, or (mis)spelling of one; empty lists every crate by name
     * @param each called with each crate in turn
     */
    void crateListEach(String query, Consumer<CrateInfo> each);

    /**
     * Looks up a crate by name, ignoring case and '-'/'_' as crates.io does ({@link Names#canonicalCrateName}):
     * {@code inflector} finds {@code Inflector}. Every method taking a crate name finds crates so.
     *
     * @param name crate name
     * @return the crate, with its name as stored
     * @throws InvalidInputException if the name breaks {@link Names}' rule of crate names
     * @throws NotFoundException if no crate has that name
     */
    CrateInfo crateInfo(String name);

    /**
     * {@return the crate's versions, in the order they were added}
     *
     * @param name crate name
     * @throws NotFoundException if no crate has that name
     */
    List<VersionInfo> crateVersions(String name);

    /**
     * {@return the version}
     *
     * @param name crate name
     * @param version version string
     * @throws NotFoundException naming the crate if it does not exist, or the version if the crate has no such
     */
    VersionInfo crateVersionInfo(String name, String version);

    /**
     * {@return the job}
     *
     * @param job the job's identifier
     * @throws NotFoundException if there is no such job
     */
    JobInfo jobInfo(UUID job);

    /**
     * Lists jobs, newest first. An empty list means no job matches: a builder, target, crate or version named by
     * the filter that does not exist is an error, not an empty list.
     *
     * @param filter which jobs, and which page of them
     * @return the jobs
     * @throws InvalidInputException if the filter is null, the page is out of range, a name is malformed, a version
     *         is given without its crate, or running jobs are asked for by result
     * @throws NotFoundException naming the first of the builder, target, crate and version of the crate that the
     *         filter names and that does not exist
     */
    List<JobInfo> jobList(JobFilter filter);

    /**
     * Streams a job's log lines in the order they were written, without holding them all in memory.
     *
     * @param job the job's identifier
     * @param each called for every line, in order
     * @return how many lines there were
     * @throws NotFoundException if there is no such job
     */
    long jobLogs(UUID job, Consumer<JobLogLine> each);

    /**
     * {@return the job's artifacts, sorted by name}
     *
     * @param job the job's identifier
     * @throws NotFoundException if there is no such job
     */
    List<ArtifactInfo> jobArtifacts(UUID job);

    /**
     * {@return the days with downloads in that range, in date order}
     *
     * @param artifact the artifact's id
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @throws NotFoundException if there is no such artifact
     */
    List<DailyDownloads> artifactDownloads(long artifact, LocalDate from, LocalDate to);

    /** {@return the queue per target, and whether it is locked} */
    QueueStats queueStats();

    /**
     * Counts what the database holds, exactly (a scan of each table: for status displays, not hot paths).
     *
     * @param seenWithin a builder counts as seen if its last heartbeat is at most this old
     * @return the counts
     * @throws InvalidInputException if the window is null or negative
     */
    MetadataCounts counts(Duration seenWithin);

    /**
     * Reads the schema version the database's migrations reached, as Flyway recorded it, so that a client can
     * check it is the one it was built for before it meets a missing table (compare it with
     * {@code rs.builds.database.migrations.Migrations.latestVersion()}).
     *
     * @return the newest applied migration's version, e.g. {@code "8"}; empty if the database was never migrated
     * @throws PermissionDeniedException if the role may not read the migration history
     */
    Optional<String> schemaVersion();

    /** {@return the queue's settings} */
    QueueSettings queueSettings();

    /** Returns the connection to the pool. Closing twice does nothing. */
    @Override
    void close();
}
