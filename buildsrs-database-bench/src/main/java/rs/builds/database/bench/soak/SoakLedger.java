package rs.builds.database.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import rs.builds.database.JobInfo;
import rs.builds.database.JobStage;

/**
 * What the backend's clients know they did: the jobs they were given, the log batches and finishes whose commit they
 * saw (certain) or whose outcome they could not know because the connection broke (uncertain), and the download
 * counts they added. The invariants compare the database with it.
 */
final class SoakLedger {
    /**
     * A batch of log lines sent in one call.
     *
     * @param stage the job's stage when sent
     * @param number the batch's number within its job, from 0
     * @param lines how many lines
     * @param certain whether its commit was seen; if not, the connection broke and it may or may not be stored
     */
    record Batch(JobStage stage, int number, int lines, boolean certain) {
    }

    /** One job as its builder saw it. Written by that builder only, read after the run. */
    static final class Job {
        final JobInfo claimed;
        final List<Batch> batches = new ArrayList<>(4);
        /** The finish whose commit the builder saw, or null. */
        Boolean finished;

        Job(JobInfo claimed) {
            this.claimed = claimed;
        }
    }

    /** Download counts added to one artifact: seen committed, and sent without knowing. */
    static final class Downloads {
        long certain;
        long uncertain;
    }

    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private final Map<Long, Downloads> artifacts = new ConcurrentHashMap<>();
    private final List<Long> artifactIds = new ArrayList<>();

    Job claimed(JobInfo job) {
        Job record = new Job(job);
        jobs.put(job.uuid(), record);
        return record;
    }

    Job job(UUID uuid) {
        return jobs.get(uuid);
    }

    Map<UUID, Job> jobs() {
        return jobs;
    }

    void artifact(long id) {
        artifacts.put(id, new Downloads());
        synchronized (artifactIds) {
            artifactIds.add(id);
        }
    }

    /** @return up to {@code count} artifacts of the ledger, at random (several may be the same) */
    List<Long> someArtifacts(Random random, int count) {
        synchronized (artifactIds) {
            List<Long> some = new ArrayList<>();
            for (int i = 0; i < count && !artifactIds.isEmpty(); i++) {
                some.add(artifactIds.get(random.nextInt(artifactIds.size())));
            }
            return some;
        }
    }

    void downloads(long artifact, long count, boolean certain) {
        Downloads downloads = artifacts.get(artifact);
        synchronized (downloads) {
            if (certain) {
                downloads.certain += count;
            } else {
                downloads.uncertain += count;
            }
        }
    }

    Map<Long, Downloads> artifacts() {
        return artifacts;
    }

    /** The text of a log line: made from its batch and place, so that a check can tell where each line belongs. */
    static String line(int batch, int line) {
        return "   Compiling soak-step v0." + batch + "." + line + " (batch " + batch + ", line " + line + ")";
    }
}
