package rs.builds.database.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;
import org.kohsuke.args4j.spi.UuidOptionHandler;
import rs.builds.database.ArtifactInfo;
import rs.builds.database.JobInfo;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;

/** {@code job show UUID}: shows a job and its artifacts and, with {@code --logs}, streams its log after them. */
public final class JobShowCommand extends Command {
    @Argument(metaVar = "UUID", required = true, handler = UuidOptionHandler.class, usage = "the job's UUID")
    private UUID uuid;

    @Option(name = "--logs", usage = "print the job's log after it, each line with its stage")
    private boolean logs;

    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public JobShowCommand() {
    }

    @Override
    public String description() {
        return "show a job and its artifacts, and with --logs its log";
    }

    @Override
    public int run(Session session) {
        PrintStream out = session.out();
        // one handle for all of it: a log is streamed from the database while it is printed, never held whole
        try (ReadHandle read = session.read()) {
            JobInfo job = read.jobInfo(uuid);
            List<ArtifactInfo> artifacts = read.jobArtifacts(uuid);
            if (json) {
                ObjectNode document = JsonViews.job(job).set("artifacts", JsonViews.array(artifacts, JsonViews::artifact));
                if (logs) {
                    Json.print(out, document, "logs", sink -> read.jobLogs(uuid, line -> sink.accept(JsonViews.logLine(line))));
                } else {
                    Json.print(out, document);
                }
                return Cli.OK;
            }
            print(out, job, artifacts);
            if (logs) {
                boolean[] first = {true};
                read.jobLogs(uuid, line -> {
                    if (first[0]) {
                        out.println();
                        first[0] = false;
                    }
                    out.println("[" + line.stage().label() + "] " + line.line());
                });
            }
        }
        return Cli.OK;
    }

    private static void print(PrintStream out, JobInfo job, List<ArtifactInfo> artifacts) {
        TextTable.withoutHeader(2)
                .row("uuid", job.uuid())
                .row("crate", job.crate())
                .row("version", job.version())
                .row("target", job.target())
                .row("builder", job.builder())
                .row("stage", job.stage().label())
                .row("started", job.started())
                .row("timeout", job.timeout())
                .row("ended", job.ended() == null ? "-" : job.ended())
                .row("result", result(job))
                .print(out);
        out.println();
        TextTable table = new TextTable("NAME", "SIZE", "HASH", "DOWNLOADS");
        artifacts.forEach(artifact -> table.row(artifact.name(), artifact.size(), artifact.hash(), artifact.downloads()));
        table.print(out);
    }

    /** @return {@code running}, {@code succeeded} or {@code failed} */
    static String result(JobInfo job) {
        if (job.running()) {
            return "running";
        }
        return Boolean.TRUE.equals(job.success()) ? "succeeded" : "failed";
    }
}
