package rs.builds.database.bench.soak;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import rs.builds.database.DatabaseException;
import rs.builds.database.DownloadCount;
import rs.builds.database.JobInfo;
import rs.builds.database.JobStage;
import rs.builds.database.Metadata;

/**
 * A builder of the backend: claims a pair, moves its job through the stages with a batch of log lines and a
 * heartbeat at each, then finishes it (success, with an artifact, or failure) or silently abandons it so that its
 * lease expires; after a success it adds daily download counts to artifacts built so far. Waits for the queue
 * listener when nothing is queued. A job whose call fails is abandoned (a builder that lost its connection cannot
 * know what of it was committed; its lease runs out).
 */
final class SoakBuilder extends SoakActor {
    private static final JobStage[] STAGES = {JobStage.FETCH, JobStage.BUILD, JobStage.UPLOAD};

    private final UUID builder;
    private final Metadata backend;
    private final SoakLedger ledger;
    private final SoakIdle idle;

    SoakBuilder(UUID builder, Metadata backend, SoakLedger ledger, SoakIdle idle, SoakStats stats,
                AtomicBoolean stopping, long seed) {
        super("builder", stats, stopping, seed);
        this.builder = builder;
        this.backend = backend;
        this.ledger = ledger;
        this.idle = idle;
    }

    @Override
    void step() throws InterruptedException {
        Optional<JobInfo> claimed;
        try {
            claimed = backend.jobRequest(builder);
        } catch (DatabaseException e) {
            stats.error("claim", e);
            pause(200);
            return;
        }
        if (claimed.isEmpty()) {
            stats.count("claim, nothing claimable");
            idle.await(2_000);
            return;
        }
        stats.count("claim");
        build(ledger.claimed(claimed.get()));
    }

    private void build(SoakLedger.Job job) throws InterruptedException {
        UUID uuid = job.claimed.uuid();
        int roll = random.nextInt(100);
        // 8 % abandoned after some stage (or before finishing), 20 % failed, the rest built
        int abandonAt = roll < 8 ? random.nextInt(STAGES.length + 1) : -1;
        boolean success = roll >= 28;
        for (int batch = 0; batch < STAGES.length; batch++) {
            if (batch == abandonAt) {
                stats.count("job abandoned (lease left to expire)");
                return;
            }
            think();
            JobStage stage = STAGES[batch];
            if (!attempt(backend, "stage", write -> {
                write.jobStage(uuid, stage);
                return null;
            }).committed()) {
                return;
            }
            List<String> lines = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int line = 0; line < count; line++) {
                lines.add(SoakLedger.line(batch, line));
            }
            Attempt<Object> logged = attempt(backend, "log batch", write -> {
                write.jobLog(uuid, lines);
                return null;
            });
            if (logged.committed() || logged.uncertain()) {
                job.batches.add(new SoakLedger.Batch(stage, batch, count, logged.committed()));
            }
            if (!logged.committed()) {
                return;
            }
            stats.count("log lines", count);
            if (!attempt(backend, "heartbeat", write -> {
                write.jobHeartbeat(uuid);
                return null;
            }).committed()) {
                return;
            }
        }
        if (abandonAt == STAGES.length) {
            stats.count("job abandoned (lease left to expire)");
            return;
        }
        think();
        if (success) {
            Attempt<Long> artifact = attempt(backend, "artifact", write -> write.jobArtifactAdd(uuid,
                    job.claimed.crate() + "-" + job.claimed.version() + ".tar.zst", "sha256:" + uuid, 1000 + roll,
                    "signature"));
            if (!artifact.committed()) {
                return;
            }
            ledger.artifact(artifact.value());
        }
        Attempt<Object> finished = attempt(backend, success ? "finish, success" : "finish, failure", write -> {
            write.jobFinish(uuid, success);
            return null;
        });
        if (finished.committed()) {
            job.finished = success;
            if (success) {
                countDownloads();
            }
        }
    }

    /** Daily download counts for a few artifacts built so far, on some of the last days. */
    private void countDownloads() {
        List<DownloadCount> counts = new ArrayList<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (long artifact : ledger.someArtifacts(random, 1 + random.nextInt(3))) {
            counts.add(new DownloadCount(artifact, today.minusDays(random.nextInt(5)), 1 + random.nextInt(100)));
        }
        Attempt<Object> added = attempt(backend, "downloads", write -> {
            write.artifactDownloadsAdd(counts);
            return null;
        });
        if (added.committed() || added.uncertain()) {
            counts.forEach(count -> ledger.downloads(count.artifact(), count.count(), added.committed()));
        }
    }

    /** A builder's work between two calls. */
    private void think() throws InterruptedException {
        pause(2 + random.nextInt(20));
    }
}
