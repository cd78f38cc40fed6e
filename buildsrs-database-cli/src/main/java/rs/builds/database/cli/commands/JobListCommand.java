package rs.builds.database.cli.commands;

import java.util.List;
import java.util.UUID;
import org.kohsuke.args4j.Option;
import rs.builds.database.JobFilter;
import rs.builds.database.JobInfo;
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

    @Option(name = "--active", usage = "only running jobs")
    private boolean active;

    @Option(name = "--finished", usage = "only finished jobs")
    private boolean finished;

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
        return "list jobs, newest first, by builder, target, crate or state";
    }

    @Override
    public int run(Session session) {
        if (active && finished) {
            throw new UsageException("--active and --finished exclude each other; give neither to list both");
        }
        BuilderReference reference = builder == null ? null : BuilderReference.parse(builder);
        List<JobInfo> jobs;
        try (ReadHandle read = session.metadata().read()) {
            JobFilter filter = JobFilter.all().page(limit, offset);
            if (reference != null) {
                UUID uuid = reference.resolve(read);
                // a UUID is taken as it is; an unknown one would just list nothing, which hides a typo
                read.builderGet(uuid);
                filter = filter.builder(uuid);
            }
            if (target != null) {
                read.targetInfo(target);
                filter = filter.target(target);
            }
            if (crate != null) {
                read.crateInfo(crate);
                filter = filter.crate(crate);
            }
            if (active || finished) {
                filter = filter.active(active);
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
