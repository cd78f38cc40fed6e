package rs.builds.database.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.ClassParser;
import org.kohsuke.args4j.CmdLineException;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.Option;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.InvalidInputException;
import rs.builds.database.cli.commands.BuilderCommand;
import rs.builds.database.cli.commands.CrateCommand;
import rs.builds.database.cli.commands.DownloadsCommand;
import rs.builds.database.cli.commands.JobCommand;
import rs.builds.database.cli.commands.MigrateCommand;
import rs.builds.database.cli.commands.QueueCommand;
import rs.builds.database.cli.commands.RolesCommand;
import rs.builds.database.cli.commands.StatusCommand;
import rs.builds.database.cli.commands.TargetCommand;
import rs.builds.database.options.DatabaseOptions;

/**
 * Parses the command line, runs the chosen command and turns every outcome into an exit code, in one place:
 * 0 success, 1 failure ({@code ERROR: message} on stderr, no stack trace unless {@code --verbose}), 2 usage error
 * (the message and the command's usage on stderr). Help and usage text come from {@link Usage}.
 */
public final class Cli {
    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code when the operation (or any item of it) failed. */
    public static final int FAILED = 1;
    /** Exit code when the command line is wrong. */
    public static final int USAGE = 2;

    static final String NAME = "buildsrs-database";

    @Option(name = "--data-dir", metaVar = "DIR",
            usage = "data directory of the embedded default database (env BUILDSRS_DATA_DIR;"
                    + " default ~/.local/share/buildsrs-database)")
    private String dataDir;

    @Option(name = "--verbose", aliases = "-v", usage = "show library logging, and stack traces of errors")
    private boolean verbose;

    @Option(name = "--help", aliases = "-h", help = true, usage = "show this help")
    private boolean help;

    @Argument(handler = SubCommandHandler.class, metaVar = "COMMAND", required = true, usage = "command to run")
    @SubCommands({
        @SubCommand(name = "migrate", impl = MigrateCommand.class),
        @SubCommand(name = "builder", impl = BuilderCommand.class),
        @SubCommand(name = "target", impl = TargetCommand.class),
        @SubCommand(name = "crate", impl = CrateCommand.class),
        @SubCommand(name = "job", impl = JobCommand.class),
        @SubCommand(name = "queue", impl = QueueCommand.class),
        @SubCommand(name = "status", impl = StatusCommand.class),
        @SubCommand(name = "roles", impl = RolesCommand.class),
        @SubCommand(name = "downloads", impl = DownloadsCommand.class),
    })
    private Command command;

    private final PrintStream out;
    private final PrintStream err;
    private final UnaryOperator<String> environment;

    /**
     * @param out where results go
     * @param err where errors and diagnostics go
     * @param environment looks up environment variables ({@code System::getenv} in production)
     */
    public Cli(PrintStream out, PrintStream err, UnaryOperator<String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments
     * @return the exit code
     */
    public int run(String... args) {
        DatabaseOptions database = new DatabaseOptions(environment);
        CmdLineParser parser = new CmdLineParser(this, Usage.PARSER_PROPERTIES);
        new ClassParser().parse(database, parser);
        Usage usage = new Usage(err, parser);
        try {
            parser.parseArgument(args);
        } catch (CmdLineException e) {
            err.println("ERROR: " + e.getMessage());
            usage.print(args);
            return USAGE;
        }
        Logging.configure(verbose);
        if (helpRequested()) {
            usage.print(args);
            return OK;
        }
        try {
            // wrong words and malformed URLs are usage errors, found before anything starts or connects
            database.checkTopology();
        } catch (InvalidInputException e) {
            err.println("ERROR: " + e.getMessage());
            usage.print(args);
            return USAGE;
        }
        try (Session session = new Session(out, err, database, dataDir(database))) {
            return command.run(session);
        } catch (UsageException e) {
            err.println("ERROR: " + e.getMessage());
            usage.print(args);
            return USAGE;
        } catch (Exception e) {
            err.println("ERROR: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            if (verbose) {
                e.printStackTrace(err);
            }
            return FAILED;
        }
    }

    private boolean helpRequested() {
        for (Command c = command; c != null; c = c.subCommand()) {
            if (c.helpRequested()) {
                return true;
            }
        }
        return help;
    }

    private Path dataDir(DatabaseOptions database) {
        String dir = dataDir != null ? dataDir : environment.apply("BUILDSRS_DATA_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", NAME);
    }
}
