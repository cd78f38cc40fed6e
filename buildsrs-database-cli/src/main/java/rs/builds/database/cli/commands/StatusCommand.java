package rs.builds.database.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import org.kohsuke.args4j.Option;
import rs.builds.database.Metadata;
import rs.builds.database.MetadataCounts;
import rs.builds.database.QueueStats;
import rs.builds.database.ReadHandle;
import rs.builds.database.ReplicaStatus;
import rs.builds.database.TargetQueueStats;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;

/**
 * {@code status}: the database at a glance: schema version, what it holds, the queue per target, and how far the
 * replica lags when one is configured.
 */
public final class StatusCommand extends Command {
    /** A builder whose heartbeat is at most this old counts as seen. */
    static final Duration SEEN_WITHIN = Duration.ofMinutes(10);

    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public StatusCommand() {
    }

    @Override
    public String description() {
        return "show the schema version, counts of crates, builders, targets and jobs, the queue, and the replica's lag";
    }

    @Override
    public int run(Session session) {
        // connecting first migrates the embedded default, so the version read after it is the one in use
        Metadata metadata = session.metadata();
        MetadataCounts counts;
        QueueStats queue;
        try (ReadHandle read = session.read()) {
            counts = read.counts(SEEN_WITHIN);
            queue = read.queueStats();
        }
        String schema = session.migrations().currentVersion().orElse(null);
        Optional<ReplicaStatus> replica = metadata.replicaStatus();
        if (json) {
            ObjectNode status = json(schema, counts, queue);
            replica.ifPresent(r -> status.putObject("replica")
                    .put("address", r.replica())
                    .put("reachable", r.reachable())
                    .put("lagBytes", r.lagBytes())
                    .put("lag", r.lag() == null ? null : JsonViews.duration(r.lag()))
                    .put("problem", r.problem()));
            Json.print(session.out(), status);
            return Cli.OK;
        }
        TextTable summary = TextTable.withoutHeader(2)
                .row("schema version", schema == null ? "none" : schema)
                .row("crates", counts.crates())
                .row("versions", counts.versions())
                .row("builders", counts.builders() + " (" + counts.buildersEnabled() + " enabled, "
                        + counts.buildersSeen() + " seen in the last " + SEEN_WITHIN.toMinutes() + " minutes)")
                .row("targets", counts.targets() + " (" + counts.targetsEnabled() + " enabled)")
                .row("jobs running", counts.jobsRunning())
                .row("queue", queue.locked() ? "locked" : "unlocked");
        replica.ifPresent(r -> summary.row("replica", replicaLine(r)));
        summary.print(session.out());
        session.out().println();
        TextTable table = new TextTable("TARGET", "QUEUED", "RUNNING", "FAILED");
        for (TargetQueueStats target : queue.targets()) {
            table.row(target.target(), target.queued(), target.running(), target.failed());
        }
        table.print(session.out());
        return Cli.OK;
    }

    /** @return e.g. {@code localhost:5433, replay lag 0 bytes (0 ms)}, or what is wrong with the replica */
    static String replicaLine(ReplicaStatus replica) {
        if (replica.problem() != null) {
            return replica.replica() + ": " + replica.problem()
                    + (replica.reachable() ? "" : "; --from-replica reads from the primary");
        }
        return replica.replica() + ", replay lag " + replica.lagBytes() + " bytes ("
                + (replica.lag() == null ? "time unknown" : replica.lag().toMillis() + " ms") + ")";
    }

    private static ObjectNode json(String schema, MetadataCounts counts, QueueStats queue) {
        ObjectNode status = Json.object()
                .put("schemaVersion", schema)
                .put("crates", counts.crates())
                .put("versions", counts.versions());
        status.putObject("builders")
                .put("total", counts.builders())
                .put("enabled", counts.buildersEnabled())
                .put("seen", counts.buildersSeen())
                .put("seenWithin", JsonViews.duration(SEEN_WITHIN));
        status.putObject("targets")
                .put("total", counts.targets())
                .put("enabled", counts.targetsEnabled());
        status.put("jobsRunning", counts.jobsRunning());
        ObjectNode queueNode = status.putObject("queue").put("locked", queue.locked());
        ArrayNode targets = queueNode.putArray("targets");
        for (TargetQueueStats target : queue.targets()) {
            targets.addObject()
                    .put("name", target.target())
                    .put("queued", target.queued())
                    .put("running", target.running())
                    .put("failed", target.failed());
        }
        return status;
    }
}
