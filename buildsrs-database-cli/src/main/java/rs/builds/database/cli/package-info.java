/**
 * The admin command line's frame: {@link rs.builds.database.cli.Main} starts {@link rs.builds.database.cli.Cli}
 * on the process's streams and exits with its code; {@code Cli} parses global options and dispatches
 * to one {@link rs.builds.database.cli.Command} per class (in {@code commands}), mapping failures to exit codes
 * in one place. {@link rs.builds.database.cli.Session} connects on first use, to a server or to the embedded
 * default. Results go to stdout as a {@link rs.builds.database.cli.TextTable} or, with {@code --json}, as one
 * {@link rs.builds.database.cli.Json} document; help and usage for every level come from {@code Usage}.
 */
package rs.builds.database.cli;
