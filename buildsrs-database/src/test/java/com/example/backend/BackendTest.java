package com.example.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.CrateInfo;
import rs.builds.database.JobInfo;
import rs.builds.database.JobStage;
import rs.builds.database.Metadata;
import rs.builds.database.ReadHandle;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class) // a new, migrated database for each TempDatabase parameter
class BackendTest {
    /** What a backend does for a builder: claim its next job, report it built. Empty if nothing is queued for it. */
    static Optional<JobInfo> buildNext(Metadata metadata, UUID builder) {
        // a claim on its own: one round trip, committed at once
        Optional<JobInfo> job = metadata.jobRequest(builder);
        // one transaction, retried on serialization failures and deadlocks
        job.ifPresent(claimed -> metadata.useTransaction(write -> {
            write.jobStage(claimed.uuid(), JobStage.BUILD);
            write.jobLog(claimed.uuid(), List.of("Compiling serde v1.0.0"));
            write.jobFinish(claimed.uuid(), true);
        }));
        return job;
    }

    @Test
    void aBuilderBuildsTheOnlyQueuedVersion(TempDatabase database) {
        // in production: ConnectionConfig.of("jdbc:postgresql://db/buildsrs").withCredentials("backend", password)
        try (Metadata metadata = Metadata.connect(ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(4))) {
            UUID builder = UUID.randomUUID();
            metadata.useTransaction(write -> {
                write.targetAdd("x86_64-unknown-linux-gnu");
                write.targetSetEnabled("x86_64-unknown-linux-gnu", true);
                write.builderAdd(builder,
                        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG5m4UDueswmqe13FHanet3H3gPsDS7ujIvyEB9GqVV", "rack 3");
                write.builderSetEnabled(builder, true);
                write.builderTargetAdd(builder, "x86_64-unknown-linux-gnu");
                write.crateAdd("serde");
                write.crateVersionAdd("serde", "1.0.0", "a".repeat(64), false);
            });

            JobInfo job = buildNext(metadata, builder).orElseThrow();
            assertEquals(Optional.empty(), buildNext(metadata, builder), "one version, one target: one job");

            try (ReadHandle read = metadata.read()) {
                assertEquals(true, read.jobInfo(job.uuid()).success());
                assertEquals(List.of("serde"), read.crateList("serde").stream().map(CrateInfo::name).toList());
            }
        }
    }
}
