package rs.builds.database;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
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
     * @param name crate name, by {@link Names}' rule
     * @throws InvalidInputException if the name breaks the rule
     * @throws ConflictException naming the crate if one of that name but for case and '-'/'_' exists
     *         ({@code Serde} next to {@code serde}): names are unique that way, as on crates.io
     */
    void crateAdd(String name);

    /**
     * Adds a version of a crate, or updates its yanked flag if it exists with the same checksum. Waits while a
     * {@link #sync} runs in another transaction.
     *
     * @param name crate name
     * @param version version string, SemVer 2.0 by {@link Names}' rule
     * @param checksum SHA-256 of the crate file, 64 lowercase hex digits
     * @param yanked whether it is yanked
     * @throws InvalidInputException if the version or checksum breaks its rule
     * @throws NotFoundException if the crate does not exist
     * @throws ChecksumConflictException naming crate and version if the version exists with another checksum (the
     *         same exception a strict {@link #sync} throws)
     */
    void crateVersionAdd(String name, String version, String checksum, boolean yanked);

    /**
     * Brings crates and versions in line with (part of) the crates.io index, in bulk: the rows stream to PostgreSQL
     * with COPY (never all held in memory) into a staging table, then apply set-based. New crates and versions are
     * added, changed yanked flags updated, and unchanged versions not rewritten. A version whose checksum changed
     * is never overwritten: a strict sync fails with nothing written, a lenient one skips and reports it. Nothing
     * is deleted: crates and versions absent from the input are reported.
     *
     * <p><b>Unchanged crates are skipped.</b> A sync stores, per crate, a digest of the versions it verified; the
     * next one compares it with the digest of the crate's input rows and sends none of them if they match (any
     * other write of a crate's versions deletes its digest). Rows are grouped as they come: list each crate's
     * versions together, as the index files do, or a crate whose rows are apart is compared row by row. The
     * outcome is the same either way; only the time differs. Memory holds the digests (about 70 bytes a crate, 17
     * MB for crates.io), one crate's rows (a crate of more than 10,000 versions is sent row by row) and a few
     * thousand rows on their way, never the input. The rows are read on the calling thread, and checked, digested
     * and sent on a second one.
     *
     * <p><b>A sync excludes other writers of versions.</b> It starts by locking the digest table, so it waits for
     * transactions that wrote versions to end, and statements writing versions ({@link #crateVersionAdd}, another
     * sync) wait until its transaction ends; reads never wait. At {@link Isolation#READ_COMMITTED} (the default) it
     * stores digests; at other levels it uses them but stores none, as its snapshot may predate a change.
     *
     * @param rows the versions; consumed once
     * @param options whether the input is complete, and strict or lenient
     * @return what was done
     * @throws InvalidInputException naming the row (by position) with a malformed field (a crate name, version or
     *         checksum that breaks {@link Names}' rules), or a version listed twice, in a strict or lenient sync;
     *         nothing was written
     * @throws ChecksumConflictException in a strict sync, if any version's checksum changed; nothing was written
     * @throws ConflictException naming both spellings if the input would add a crate whose name is taken but for
     *         case and '-'/'_' (by a stored crate or another one of the input); nothing was written
     */
    SyncSummary sync(Iterator<IndexEntry> rows, SyncOptions options);

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
     * Enables or disables a builder.
     *
     * @param uuid the builder's identifier
     * @param enabled whether it may take jobs
     * @throws NotFoundException if there is no such builder
     */
    void builderSetEnabled(UUID uuid, boolean enabled);

    /**
     * Replaces a builder's comment.
     *
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
     * @param name the target's name: a target triple, by {@link Names}' rule
     * @throws InvalidInputException if the name breaks the rule
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
     * Enables or disables a target.
     *
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
     * Sets a crate's build priority: its versions' pairs are claimed before those of lower priority; the default
     * is 0, so a negative priority sinks the crate below the backfill.
     *
     * @param name crate name
     * @param priority the priority
     * @throws NotFoundException if the crate does not exist
     */
    void crateSetPriority(String name, int priority);

    /**
     * Claims the next pair (crate version, target) for one of the builder's enabled targets and creates a
     * running job for it, whose lease ends after the queue's lease time. Newer versions come first, within a
     * crate priority. Two concurrent claims never get the same pair, and never wait on each other. Commit
     * promptly: the pair stays locked until then.
     *
     * @param builder the builder's identifier
     * @return the new job, or empty if there is nothing to do (or the queue is locked)
     * @throws NotFoundException if there is no such builder
     * @throws ConflictException if the builder is disabled
     */
    Optional<JobInfo> jobRequest(UUID builder);

    /**
     * Moves a running job forward to a later stage.
     *
     * @param job the job's identifier
     * @param stage the new stage; stages only move forward
     * @throws NotFoundException if there is no such job
     * @throws ConflictException if the job finished, or is at {@code stage} or a later one already
     */
    void jobStage(UUID job, JobStage stage);

    /**
     * Appends lines to a running job's log, tagged with its current stage, in one statement.
     *
     * @param job the job's identifier
     * @param lines the lines, without terminators; may be empty
     * @throws NotFoundException if there is no such job
     * @throws ConflictException if the job finished
     */
    void jobLog(UUID job, List<String> lines);

    /**
     * Extends a running job's lease by the queue's lease time from now, and records the builder's heartbeat.
     *
     * @param job the job's identifier
     * @throws NotFoundException if there is no such job
     * @throws ConflictException if the job finished (for example, it expired)
     */
    void jobHeartbeat(UUID job);

    /**
     * Finishes a running job. A successful job's pair is built; a failed one's is queued again after the retry
     * backoff, until it has failed the queue's maximum attempts.
     *
     * @param job the job's identifier
     * @param success whether the build succeeded
     * @throws NotFoundException if there is no such job
     * @throws ConflictException if the job finished already
     */
    void jobFinish(UUID job, boolean success);

    /**
     * Fails every running job whose lease ended before {@code now}, as {@link #jobFinish jobFinish(job, false)}
     * would.
     *
     * @param now the time to compare leases with, normally {@code Instant.now()}
     * @return how many jobs expired
     */
    int jobsExpire(Instant now);

    /**
     * Records an artifact of a running job.
     *
     * @param job the job's identifier
     * @param name artifact name, unique within the job
     * @param hash hash of its content
     * @param size size in bytes, at least 0
     * @param signature signature over it
     * @return the artifact's id
     * @throws NotFoundException if there is no such job
     * @throws ConflictException if the job finished or has an artifact of that name
     */
    long jobArtifactAdd(UUID job, String name, String hash, long size, String signature);

    /**
     * Removes old jobs and logs, in this transaction (in batches of a few hundred jobs, each one statement). A job
     * qualifies if it finished before {@code finishedBefore} and is not the newest finished job of its (version,
     * target): the newest stays, whatever its age, as the pair's current result. A qualifying job with artifacts
     * (the published build) is kept, with its log unless {@code logsOnly}; the others are deleted with their logs,
     * or with {@code logsOnly} only their logs are. Running jobs are never touched. For a large prune prefer
     * {@link Metadata#jobsPrune}, which commits each batch: one transaction keeps every deleted row until it ends.
     *
     * @param finishedBefore jobs that finished before this instant qualify; not in the future
     * @param logsOnly delete only the logs of qualifying jobs, keeping the jobs
     * @return what was removed
     * @throws InvalidInputException if {@code finishedBefore} is null (which would remove every finished job) or
     *         in the future; nothing is removed
     */
    JobsPruned jobsPrune(Instant finishedBefore, boolean logsOnly);

    /**
     * Removes the daily download rows of days before {@code before}, in this transaction (in batches). Each
     * artifact's total ({@link ArtifactInfo#downloads()}) stays as it is: it already counts them. For a large prune
     * prefer {@link Metadata#downloadsPrune}, which commits each batch.
     *
     * @param before rows of earlier days (UTC) go; today at the latest
     * @return how many daily rows were removed
     * @throws InvalidInputException if {@code before} is null or after today (UTC); nothing is removed
     */
    long downloadsPrune(LocalDate before);

    /**
     * Adds download counts, in one statement: each day's count and each artifact's total grow by the batch's
     * counts (several entries for one artifact and day add up).
     *
     * @param counts the increments
     * @throws NotFoundException naming an artifact id that does not exist; nothing is added
     */
    void artifactDownloadsAdd(List<DownloadCount> counts);

    /**
     * Queues a pair again with fresh attempts, e.g. after it failed out or to rebuild it.
     *
     * @param crate crate name
     * @param version version
     * @param target target name
     * @throws NotFoundException naming the crate, version or target that does not exist
     * @throws ConflictException if a job is building the pair now
     */
    void jobRequeue(String crate, String version, String target);

    /** Stops all claims until {@link #queueUnlock()}; running jobs go on. */
    void queueLock();

    /** Lets claims resume, and notifies waiting builders. */
    void queueUnlock();

    /**
     * Changes the queue's settings for every backend instance.
     *
     * @param maxAttempts failed or expired attempts after which a pair leaves the queue, 1 to 100
     * @param lease how long a claim or heartbeat keeps a job alive, one second to 365 days
     * @param retryBackoff wait before a failed pair is retried, doubled after each further failure; 0 to 365 days
     * @throws InvalidInputException if a value is out of range ({@link QueueSettings#check}, whose ranges the
     *         schema's CHECKs hold too)
     */
    void queueConfigure(int maxAttempts, Duration lease, Duration retryBackoff);

    /**
     * Makes this transaction's writes durable and visible, and ends it; the handle can then only be closed.
     *
     * @throws TransientConflictException if a concurrent transaction conflicted; nothing was committed
     * @throws DatabaseUnavailableException if the connection was lost: whether the commit took effect is unknown
     */
    void commit();

    /** Discards this transaction's writes and ends it; the handle can then only be closed. */
    void rollback();

    /** Rolls back unless committed, and returns the connection to the pool. Closing twice does nothing. */
    @Override
    void close();
}
