package rs.builds.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A small world for queue tests: crates with versions, enabled targets, enabled builders. */
final class QueueFixture {
    static final String LINUX = "x86_64-unknown-linux-gnu";
    static final String ARM = "aarch64-unknown-linux-gnu";

    private QueueFixture() {
    }

    static String checksum(int n) {
        return String.format("%064x", n);
    }

    /** Adds {@code crates} crates "crate-i" with {@code versions} versions "1.0.j" each, in that order. */
    static void versions(Metadata metadata, int crates, int versions) {
        metadata.useTransaction(write -> {
            for (int c = 0; c < crates; c++) {
                write.crateAdd("crate-" + c);
                for (int v = 0; v < versions; v++) {
                    write.crateVersionAdd("crate-" + c, "1.0." + v, checksum(c * 1000 + v), false);
                }
            }
        });
    }

    /** Adds enabled targets. */
    static void targets(Metadata metadata, String... names) {
        metadata.useTransaction(write -> {
            for (String name : names) {
                write.targetAdd(name);
                write.targetSetEnabled(name, true);
            }
        });
    }

    /** Adds an enabled builder allowed to build the given targets. */
    static UUID builder(Metadata metadata, Path dir, String... targets) throws Exception {
        UUID uuid = UUID.randomUUID();
        String key = Keys.ed25519(dir).publicKey();
        metadata.useTransaction(write -> {
            write.builderAdd(uuid, key, "");
            write.builderSetEnabled(uuid, true);
            for (String target : targets) {
                write.builderTargetAdd(uuid, target);
            }
        });
        return uuid;
    }

    /** Claims one job and commits. */
    static JobInfo claim(Metadata metadata, UUID builder) {
        return metadata.inTransaction(write -> write.jobRequest(builder)).orElse(null);
    }

    /** Claims until the builder gets nothing, returning the jobs in claim order. */
    static List<JobInfo> claimAll(Metadata metadata, UUID builder) {
        List<JobInfo> jobs = new ArrayList<>();
        for (JobInfo job = claim(metadata, builder); job != null; job = claim(metadata, builder)) {
            jobs.add(job);
        }
        return jobs;
    }

    static void finish(Metadata metadata, JobInfo job, boolean success) {
        metadata.useTransaction(write -> {
            write.jobFinish(job.uuid(), success);
        });
    }
}
