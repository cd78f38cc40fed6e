package rs.builds.database.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import rs.builds.database.ArtifactInfo;
import rs.builds.database.ConflictException;
import rs.builds.database.DailyDownloads;
import rs.builds.database.DownloadCount;
import rs.builds.database.InvalidInputException;
import rs.builds.database.NotFoundException;

/** Artifacts of jobs and their download counts, with their rules, over the DAO. */
final class ArtifactStore {
    private final ArtifactDao artifacts;
    private final JobStore jobs;

    ArtifactStore(Handle handle, JobStore jobs) {
        this.artifacts = handle.attach(ArtifactDao.class);
        this.jobs = jobs;
    }

    long add(UUID job, String name, String hash, long size, String signature) {
        Inputs.name("artifact name", name);
        Inputs.name("artifact hash", hash);
        Inputs.text("artifact signature", signature);
        if (size < 0) {
            throw new InvalidInputException("artifact size must not be negative (got " + size + ")");
        }
        // locked until commit, so a concurrent finish or expiry cannot slip in before the artifact is stored
        long id = jobs.runningForShare(job).id();
        return artifacts.artifactAdd(id, name, hash, size, signature).orElseThrow(() -> new ConflictException(
                ConflictException.Reason.EXISTS, "artifact of job " + job, name,
                "job " + job + " has an artifact named '" + name + "' already", null));
    }

    List<ArtifactInfo> list(UUID job) {
        return artifacts.jobArtifacts(jobs.ref(job).id());
    }

    void downloadsAdd(List<DownloadCount> counts) {
        if (counts == null) {
            throw new InvalidInputException("download counts must not be null");
        }
        if (counts.isEmpty()) {
            return;
        }
        Long[] ids = new Long[counts.size()];
        String[] days = new String[counts.size()];
        Long[] numbers = new Long[counts.size()];
        for (int i = 0; i < ids.length; i++) {
            DownloadCount count = counts.get(i);
            if (count == null || count.date() == null) {
                throw new InvalidInputException("download count " + i + " is incomplete: " + count);
            }
            if (count.count() < 0) {
                throw new InvalidInputException("download count " + i + " is negative: " + count);
            }
            ids[i] = count.artifact();
            days[i] = count.date().toString();
            numbers[i] = count.count();
        }
        List<Long> missing = artifacts.artifactsMissing(ids);
        if (!missing.isEmpty()) {
            throw new NotFoundException("artifact", missing.size() == 1 ? missing.get(0).toString() : missing.toString());
        }
        artifacts.artifactDownloadsAdd(ids, days, numbers);
    }

    List<DailyDownloads> downloads(long artifact, LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new InvalidInputException("download date range must have both ends");
        }
        if (!artifacts.artifactExists(artifact)) {
            throw new NotFoundException("artifact", Long.toString(artifact));
        }
        return artifacts.artifactDownloads(artifact, from, to);
    }
}
