package rs.builds.database.cli.commands;

import java.util.List;
import org.kohsuke.args4j.Option;
import rs.builds.database.JobFilter;
import rs.builds.database.JobInfo;
import rs.builds.database.Names;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;
import rs.builds.database.cli.UsageException;

/** {@code job list}: lists jobs, newest first, filtered and paged. */
public final class JobListCommand extends Command {
    @Option(name = "--builder", metaVar = "BUILDER", usage = "only this builder's jobs; " + BuilderReference.USAGE)
    private String builder;

    @Option(name = "--target", metaVar = "TARGET", usage = "only jobs for this target")
    private String target;

    @Option(name = "--crate", metaVar = "CRATE", usage = "only jobs building a version of this crate")
    private String crate;

    @Option(name = "--version", metaVar = "VERSION",
            usage = "only jobs building this version of the crate given by --crate")
    private String version;

    @Option(name = "--active", usage = "only running jobs")
    private boolean active;

    @Option(name = "--finished", usage = "only finished jobs")
    private boolean finished;

    @Option(name = "--succeeded", usage = "only jobs that succeeded")
    private boolean succeeded;

    @Option(name = "--failed", usage = "only jobs that failed (finished without success)")
    private boolean failed;

    @Option(name = "--limit", metaVar = "N",
            usage = "show at most N jobs, 1 to " + JobFilter.MAX_LIMIT + " (default " + JobFilter.DEFAULT_LIMIT + ")")
    private int limit = JobFilter.DEFAULT_LIMIT;

    @Option(name = "--offset", metaVar = "N", usage = "skip the N newest matching jobs, for the next page (default 0)")
    private int offset;

    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public JobListCommand() {
    }

    @Override
    public String description() {
        return "list jobs, newest first, by builder, target, crate, version, state or result";
    }

    private BuilderReference reference;

    @Override
    public void check() {
        if (limit < 1 || limit > JobFilter.MAX_LIMIT) {
            throw new UsageException("--limit must be from 1 to " + JobFilter.MAX_LIMIT + " (got " + limit + ")");
        }
        if (offset < 0) {
            throw new UsageException("--offset must not be negative (got " + offset + ")");
        }
        if (active && finished) {
            throw new UsageException("--active and --finished exclude each other; give neither to list both");
        }
        if (succeeded && failed) {
            throw new UsageException("--succeeded and --failed exclude each other; give neither to list both");
        }
        if (active && (succeeded || failed)) {
            throw new UsageException("--active and --" + (succeeded ? "succeeded" : "failed")
                    + " exclude each other: a running job has no result yet");
        }
        if (version != null && crate == null) {
            throw new UsageException("--version needs --crate: give the crate whose version it is");
        }
        reference = builder == null ? null : BuilderReference.parse(builder);
    }

    @Override
    public int run(Session session) {
        List<JobInfo> jobs;
        try (ReadHandle read = session.read()) {
            // jobList fails on a builder, target, crate or version that does not exist: no typo lists nothing
            JobFilter filter = JobFilter.all().target(target).crate(crate).version(version).page(limit, offset);
            if (reference != null) {
                filter = filter.builder(reference.resolve(read));
            }
            if (active || finished) {
                filter = filter.active(active);
            }
            if (succeeded || failed) {
                filter = filter.success(succeeded);
            }
            jobs = read.jobList(filter);
        }
        if (json) {
            Json.print(session.out(), JsonViews.array(jobs, JsonViews::job));
            return Cli.OK;
        }
        TextTable table = new TextTable("UUID", "CRATE", "VERSION", "TARGET", "STAGE", "STARTED", "RESULT", "BUILDER");
        for (JobInfo job : jobs) {
            table.row(job.uuid(), job.crate(), job.version(), job.target(), job.stage().label(), job.started(),
                    JobShowCommand.result(job), job.builder());
        }
        table.print(session.out());
        return Cli.OK;
    }
}
