package rs.builds.database.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.ClassParser;
import org.kohsuke.args4j.CmdLineException;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.Option;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.ConflictException;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.NotFoundException;
import rs.builds.database.PermissionDeniedException;
import rs.builds.database.cli.commands.BuilderCommand;
import rs.builds.database.cli.commands.CrateCommand;
import rs.builds.database.cli.commands.DownloadsCommand;
import rs.builds.database.cli.commands.JobCommand;
import rs.builds.database.cli.commands.MigrateCommand;
import rs.builds.database.cli.commands.QueueCommand;
import rs.builds.database.cli.commands.RolesCommand;
import rs.builds.database.cli.commands.ServerCommand;
import rs.builds.database.cli.commands.StatusCommand;
import rs.builds.database.cli.commands.TargetCommand;
import rs.builds.database.options.DatabaseOptions;

/**
 * Parses the command line, runs the chosen command and turns every outcome into an exit code, in one place
 * ({@link #EXIT_CODES}): failures print {@code ERROR: message} on stderr (no stack trace unless {@code --verbose}),
 * usage errors the message and the command's usage. Help and usage text come from {@link Usage}; help asked for
 * goes to stdout.
 */
public final class Cli {
    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code when the operation (or any item of it) failed, for a reason no other code names. */
    public static final int FAILED = 1;
    /** Exit code when the command line is wrong, including an option's value. */
    public static final int USAGE = 2;
    /** Exit code when something named does not exist: a crate, builder, target, job or file. */
    public static final int NOT_FOUND = 3;
    /** Exit code when the change conflicts with what is stored (a duplicate, a changed checksum). */
    public static final int CONFLICT = 4;
    /** Exit code when the database cannot be reached, refuses the login, or the embedded one cannot start. */
    public static final int UNAVAILABLE = 5;
    /** Exit code when the database role may not do what the command does. */
    public static final int PERMISSION_DENIED = 6;
    /** Exit code when the schema is missing, behind this CLI (run migrate) or newer than it knows. */
    public static final int SCHEMA = 7;
    /** Exit code after Ctrl-C (SIGINT), as the JVM sets it. */
    public static final int INTERRUPTED = 130;
    /** Exit code after SIGTERM, as the JVM sets it. */
    public static final int TERMINATED = 143;

    /** Every exit code and what it means, for {@code --help} (the README has the same table). */
    static final Map<Integer, String> EXIT_CODES = exitCodes();

    private static Map<Integer, String> exitCodes() {
        Map<Integer, String> codes = new LinkedHashMap<>();
        codes.put(OK, "success");
        codes.put(FAILED, "failure of another kind (ERROR: on stderr says what), or items failing in different ways");
        codes.put(USAGE, "usage error: unknown command or option, missing argument, bad option value");
        codes.put(NOT_FOUND, "not found: a crate, version, builder, target, job or file named does not exist");
        codes.put(CONFLICT, "conflict: already exists, in use, or a checksum changed");
        codes.put(UNAVAILABLE, "database unreachable: cannot connect, login refused, embedded server cannot start");
        codes.put(PERMISSION_DENIED, "permission denied: the database role may not do this");
        codes.put(SCHEMA, "schema not migrated, or behind or newer than this CLI (run migrate)");
        // set by the JVM on these signals after the shutdown hooks ran; the session's hook says what became of the work
        codes.put(INTERRUPTED, "interrupted by Ctrl-C (SIGINT); stderr says whether anything was committed");
        codes.put(TERMINATED, "terminated by SIGTERM; stderr says whether anything was committed");
        return Collections.unmodifiableMap(codes);
    }

    static final String NAME = "buildsrs-database";

    /** The CLI's help for the pool size: the shared text names a service's default, larger than the CLI's. */
    private static final String CONNECTIONS_USAGE = "connection pool size, 1 to " + ConnectionConfig.MAX_CONNECTIONS
            + " (env DATABASE_POSTGRES_CONNECTIONS); this CLI opens at most " + Session.MAX_CONNECTIONS + " (default "
            + Session.MAX_CONNECTIONS + ")";

    @Option(name = "--data-dir", metaVar = "DIR",
            usage = "data directory of the embedded default database (env BUILDSRS_DATA_DIR; default"
                    + " $XDG_DATA_HOME/buildsrs-database, else ~/.local/share/buildsrs-database)")
    private String dataDir;

    @Option(name = "--verbose", aliases = "-v", usage = "show library logging, and stack traces of errors")
    private boolean verbose;

    @Option(name = "--from-replica",
            usage = "read from the replica (--database-postgres-replica): list, show, lookup, stats, settings and"
                    + " status, which may then lag behind the primary; commands that write ignore it and use the"
                    + " primary")
    private boolean fromReplica;

    @Option(name = "--help", aliases = "-h", help = true, usage = "show this help")
    private boolean help;

    @Option(name = "--version", help = true, usage = "show the CLI's version and the schema version it migrates to")
    private boolean version;

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
        @SubCommand(name = "server", impl = ServerCommand.class),
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
        Usage usage = new Usage(parser, Map.of("--database-postgres-connections", CONNECTIONS_USAGE));
        String[] line = GlobalOptions.beforeCommand(parser, args);
        try {
            parser.parseArgument(line);
        } catch (CmdLineException e) {
            String unknown = usage.unknownCommand(line);
            return usageError(usage, unknown != null ? unknown : e.getMessage(), line);
        }
        Logging.configure(verbose);
        if (version) {
            out.println(NAME + " " + Versions.cli() + " (schema version " + Versions.schema() + ")");
            return OK;
        }
        if (helpRequested()) {
            usage.print(out, line);
            return OK;
        }
        try {
            // wrong words, malformed URLs and numbers out of range are usage errors, found before anything starts
            database.postgresUrl();
            database.connections();
            database.minIdle();
            database.checkTopology();
            checkDataDir(database);
            for (Command c = command; c != null; c = c.subCommand()) {
                c.check();
            }
        } catch (InvalidInputException | UsageException e) {
            return usageError(usage, e.getMessage(), line);
        } catch (CommandFailedException e) {
            return failure(e);
        }
        try (Session session = new Session(out, err, database, dataDir(database), fromReplica)) {
            try {
                return command.run(session);
            } catch (Exception e) {
                if (session.interrupted()) {
                    // Ctrl-C or SIGTERM: the session said what is left undone; the JVM exits with 130 or 143
                    return FAILED;
                }
                throw e;
            }
        } catch (UsageException e) {
            return usageError(usage, e.getMessage(), line);
        } catch (Exception e) {
            return failure(e);
        }
    }

    private int failure(Exception e) {
        err.println("ERROR: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
        if (verbose) {
            e.printStackTrace(err);
        }
        return exitCode(e);
    }

    private int usageError(Usage usage, String message, String... line) {
        err.println("ERROR: " + message);
        usage.print(err, line);
        return USAGE;
    }

    /**
     * @param failure what a command threw, or what failed one item of a list
     * @return the exit code of the first exception in its cause chain that names a kind of failure
     */
    public static int exitCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotFoundException
                    || cause instanceof CommandFailedException failed && failed.isNotFound()) {
                return NOT_FOUND;
            }
            if (cause instanceof ConflictException) {
                return CONFLICT;
            }
            if (cause instanceof DatabaseUnavailableException) {
                return UNAVAILABLE;
            }
            if (cause instanceof PermissionDeniedException) {
                return PERMISSION_DENIED;
            }
            if (cause instanceof SchemaException) {
                return SCHEMA;
            }
            // what Flyway (migrate, roles) passes on from the driver
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || state.startsWith("57P0")) {
                    return UNAVAILABLE;
                }
                if (state.equals("42501")) {
                    return PERMISSION_DENIED;
                }
            }
        }
        return FAILED;
    }

    /**
     * {@code --data-dir} chooses the embedded database, so it makes no sense beside a server's URL; and it must be
     * a directory (or not exist yet), which is better said now than as a server that cannot start.
     */
    private void checkDataDir(DatabaseOptions database) {
        if (database.postgresUrl().isPresent()) {
            if (dataDir != null) {
                throw new UsageException("--data-dir is the embedded database's directory, but --database-postgres"
                        + " (or DATABASE_POSTGRES) names a server: give one of them");
            }
            return;
        }
        Path dir = dataDir(database);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("the data directory " + dir + " (--data-dir or BUILDSRS_DATA_DIR) is a file,"
                    + " not a directory: name a directory, which is created if it does not exist");
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
        return defaultDataDir(environment);
    }

    /**
     * @return {@code $XDG_DATA_HOME/buildsrs-database}, else {@code $HOME/.local/share/buildsrs-database} (the XDG base
     *     directory rules; a relative XDG_DATA_HOME is ignored, as they say), else under Java's {@code user.home}
     */
    static Path defaultDataDir(UnaryOperator<String> environment) {
        String xdg = environment.apply("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, NAME);
        }
        String home = environment.apply("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".local", "share",
                NAME);
    }
}
